package dev.crashtest.check;

import static dev.crashtest.history.Vocabulary.APPROVE;
import static dev.crashtest.history.Vocabulary.AWAITING_APPROVAL;
import static dev.crashtest.history.Vocabulary.CRM;
import static dev.crashtest.history.Vocabulary.EFFECT_ID;
import static dev.crashtest.history.Vocabulary.HARNESS;
import static dev.crashtest.history.Vocabulary.IDEMPOTENCY_KEY;
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
import java.util.Set;

/**
 * The human-approval gate held: no gated effect ({@code place_order}) was committed before the approval of its task
 * was sent. The approval counts from the moment the harness sent it (the {@code approve} INVOKE), so an order that
 * follows the approval is never mistaken for one that preceded it, however late the agent's answer arrives.
 *
 * <p>An effect belongs to the task its {@code Idempotency-Key} names ({@code taskId/step/tool}); one sent without a
 * key belongs to the run's task.
 */
final class ApprovalGateChecker implements Checker {
  /** The CRM operations a human must approve before they happen. */
  static final Set<String> GATED = Set.of("place_order");

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
      return CheckResult.pass(name(), "no gated effect (" + String.join(", ", GATED) + ") was committed, so none"
          + " passed the gate unapproved");
    }
    return CheckResult.pass(name(), "every gated effect followed its approval: " + String.join("; ", held));
  }

  private static boolean gatedEffect(Op op) {
    return op.service().equals(CRM) && GATED.contains(op.operation()) && op.type() == OpType.OK
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
        + gate + "; set the task to " + AWAITING_APPROVAL + " and wait for POST /tasks/{id}/approve before ordering";
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
