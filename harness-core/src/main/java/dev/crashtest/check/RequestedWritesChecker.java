package dev.crashtest.check;

import static dev.crashtest.history.Vocabulary.CHAT_COMPLETION;
import static dev.crashtest.history.Vocabulary.COMPLETED;
import static dev.crashtest.history.Vocabulary.CRM;
import static dev.crashtest.history.Vocabulary.LAST_TOOL_RESULT;
import static dev.crashtest.history.Vocabulary.MODEL;
import static dev.crashtest.history.Vocabulary.TASK_STATE;
import static dev.crashtest.history.Vocabulary.TOOL_CALLS;
import static dev.crashtest.history.Vocabulary.TURN;

import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every write the model asked for happened in the CRM, or the task failed saying so.
 *
 * <p>Two findings: a tool result the CRM never gave (the model asked for a write, and the agent answered the model
 * before the CRM saw any call for it: a made-up result), and a task that reported COMPLETED although a write the
 * model asked for never took effect. A refused write handed back to the model as an error is not made up; a task
 * that ends FAILED with its reason accounts for the writes it did not make.
 */
final class RequestedWritesChecker implements Checker {
  /** The write tools and the CRM record each leaves. */
  static final Map<String, String> WRITES = Map.of("create_quote", "quote", "place_order", "order", "add_note",
      "note");

  @Override
  public String name() {
    return "requested-writes";
  }

  @Override
  public CheckResult check(History history) {
    List<Op> ops = history.ops();
    List<Op> requests = ops.stream().filter(RequestedWritesChecker::asksForWrite).toList();
    for (Op request : requests) {
      for (String tool : writesAskedFor(request)) {
        Optional<Op> answer = answerTo(ops, request, tool);
        if (answer.isPresent() && crmCalls(ops, tool, request.index(), answer.get().index()).isEmpty()) {
          return CheckResult.fail(name(), "the model asked for " + tool + " at turn " + request.number(TURN, -1)
              + " (op #" + request.index() + "); the CRM never recorded a " + WRITES.get(tool) + "; the agent"
              + " answered it with a result the CRM never gave (model call at op #" + answer.get().index() + ");"
              + " run every tool call the model makes and hand back what the service answered",
              List.of(request.index(), answer.get().index()));
        }
      }
    }
    Optional<Op> completed = TaskOps.lastStatus(ops).filter(op -> COMPLETED.equals(op.text(TASK_STATE)));
    if (completed.isPresent()) {
      Map<String, Op> firstAsked = new LinkedHashMap<>();
      requests.forEach(request -> writesAskedFor(request).forEach(tool -> firstAsked.putIfAbsent(tool, request)));
      for (Map.Entry<String, Op> asked : firstAsked.entrySet()) {
        String tool = asked.getKey();
        boolean effected = ops.stream().anyMatch(op -> op.index() > asked.getValue().index() && isCrm(op, tool)
            && op.type() == OpType.OK);
        if (!effected) {
          return CheckResult.fail(name(), "task reported " + COMPLETED + " (op #" + completed.get().index()
              + ") but the " + tool + " the model asked for at turn " + asked.getValue().number(TURN, -1) + " (op #"
              + asked.getValue().index() + ") never took effect in the CRM; a task whose write did not happen"
              + " must end FAILED with the reason", List.of(asked.getValue().index(), completed.get().index()));
        }
      }
    }
    if (requests.isEmpty()) {
      return CheckResult.pass(name(), "the model asked for no write");
    }
    return CheckResult.pass(name(), "every write the model asked for reached the CRM ("
        + String.join(", ", requests.stream().flatMap(request -> writesAskedFor(request).stream()).distinct()
            .toList()) + ")");
  }

  private static boolean asksForWrite(Op op) {
    return op.is(MODEL, CHAT_COMPLETION) && op.type() == OpType.OK && !writesAskedFor(op).isEmpty();
  }

  private static List<String> writesAskedFor(Op op) {
    List<String> writes = new ArrayList<>(op.list(TOOL_CALLS));
    writes.retainAll(WRITES.keySet());
    return writes;
  }

  /** The first later model call that carries {@code tool}'s result: the agent's answer to the request. */
  private static Optional<Op> answerTo(List<Op> ops, Op request, String tool) {
    return ops.stream().filter(op -> op.index() > request.index() && op.is(MODEL, CHAT_COMPLETION)
        && op.type() != OpType.INVOKE && tool.equals(op.text(LAST_TOOL_RESULT))).findFirst();
  }

  private static List<Op> crmCalls(List<Op> ops, String tool, long after, long before) {
    return ops.stream().filter(op -> op.index() > after && op.index() < before && isCrm(op, tool)
        && op.type() != OpType.INVOKE).toList();
  }

  private static boolean isCrm(Op op, String tool) {
    return op.service().equals(CRM) && op.operation().equals(tool);
  }
}
