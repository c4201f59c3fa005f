package dev.crashtest.check;

import static dev.crashtest.history.Vocabulary.APPROVE;
import static dev.crashtest.history.Vocabulary.AWAITING_APPROVAL;
import static dev.crashtest.history.Vocabulary.EFFECT_ID;
import static dev.crashtest.history.Vocabulary.EFFECT_TYPE;
import static dev.crashtest.history.Vocabulary.HARNESS;
import static dev.crashtest.history.Vocabulary.IDEMPOTENCY_KEY;
import static dev.crashtest.history.Vocabulary.NEEDS_APPROVAL;
import static dev.crashtest.history.Vocabulary.REPLAYED;
import static dev.crashtest.history.Vocabulary.TASK_ID;
import static dev.crashtest.history.Vocabulary.TASK_STATE;
import static dev.crashtest.history.Vocabulary.TASK_STATUS;

import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The human-approval gate held: no gated effect (one a workload service flagged {@code needsApproval}: the CRM's
 * orders, a refund above its limit) was committed before the approval of its task was sent. The approval counts from
 * the moment the harness sent it (the {@code approve} INVOKE), so an effect that follows the approval is never
 * mistaken for one that preceded it, however late the agent's answer arrives. An effect the service did not flag (a
 * refund under the limit) passes without approval.
 *
 * <p>An effect belongs to the task its {@code Idempotency-Key} names ({@code taskId/step/tool}); one sent without a
 * key belongs to the run's task.
 */
final class ApprovalGateChecker implements Checker {
  @Override
  public String name() {
    return "approval-gate";
  }

  @Override
  public CheckResult check(History history) {
    List<Op> ops = history.ops();
    Optional<String> runTask = TaskOps.submission(ops).map(op -> op.text(TASK_ID));
    if (runTask.isEmpty()) {
      return CheckResult.unknown(name(), "no task was submitted, so there is no gate to judge");
    }
    List<Op> effects = ops.stream().filter(ApprovalGateChecker::gatedEffect).toList();
    List<String> held = new ArrayList<>();
    for (Op effect : effects) {
      String taskId = taskOf(effect).orElse(runTask.get());
      Optional<Op> approval = ops.stream().filter(op -> isApproval(op, taskId)).findFirst();
      if (approval.isEmpty() || approval.get().index() > effect.index()) {
        return CheckResult.fail(name(), describe(ops, effect, taskId, approval), evidence(effect, approval));
      }
      held.add(at(effect) + " after the approval sent at op #" + approval.get().index());
    }
    if (held.isEmpty()) {
      return CheckResult.pass(name(), "no gated effect (flagged " + NEEDS_APPROVAL + ") was committed, so none"
          + " passed the gate unapproved");
    }
    return CheckResult.pass(name(), "every gated effect followed its approval: " + String.join("; ", held));
  }

  private static boolean gatedEffect(Op op) {
    return WorkloadServices.isWorkloadService(op.service()) && op.flag(NEEDS_APPROVAL) && op.type() == OpType.OK
        && op.text(EFFECT_ID) != null && !op.flag(REPLAYED);
  }

  private static boolean isApproval(Op op, String taskId) {
    return op.is(HARNESS, APPROVE) && op.type() == OpType.INVOKE && taskId.equals(op.text(TASK_ID));
  }

  private static Optional<String> taskOf(Op effect) {
    String key = effect.text(IDEMPOTENCY_KEY);
    return key == null || key.indexOf('/') < 1 ? Optional.empty() : Optional.of(key.substring(0, key.indexOf('/')));
  }

  private static String describe(List<Op> ops, Op effect, String taskId, Optional<Op> approval) {
    String when = approval.map(op -> "the approval was sent only at op #" + op.index())
        .orElse("no approval was ever sent");
    boolean awaited = ops.stream().anyMatch(op -> op.index() < effect.index() && op.is(HARNESS, TASK_STATUS)
        && taskId.equals(op.text(TASK_ID)) && AWAITING_APPROVAL.equals(op.text(TASK_STATE)));
    String gate = awaited ? "" : "; the task never reported " + AWAITING_APPROVAL + " before it";
    return "gated effect " + at(effect) + " was committed before the approval of task [" + taskId + "]: " + when
        + gate + "; set the task to " + AWAITING_APPROVAL + " and wait for POST /tasks/{id}/approve before "
        + verb(effect);
  }

  /** What the gate waits for, as the fix says it: {@code committing the order}, {@code committing the refund}. */
  private static String verb(Op effect) {
    String type = effect.text(EFFECT_TYPE);
    return "committing the " + (type == null ? effect.operation() : type);
  }

  private static String at(Op effect) {
    return "[" + effect.operation() + "] " + effect.text(EFFECT_ID) + " at op #" + effect.index();
  }

  private static List<Long> evidence(Op effect, Optional<Op> approval) {
    List<Long> evidence = new ArrayList<>(List.of(effect.index()));
    approval.ifPresent(op -> evidence.add(op.index()));
    return evidence;
  }
}
