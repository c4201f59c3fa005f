package dev.crashtest.check;

import static dev.crashtest.history.Vocabulary.CHAT_COMPLETION;
import static dev.crashtest.history.Vocabulary.COMPLETED;
import static dev.crashtest.history.Vocabulary.EFFECT_TYPE;
import static dev.crashtest.history.Vocabulary.LAST_TOOL_RESULT;
import static dev.crashtest.history.Vocabulary.MCP;
import static dev.crashtest.history.Vocabulary.MCP_TOOL;
import static dev.crashtest.history.Vocabulary.TOOLS_CALL;
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
import java.util.Set;

/**
 * Every write the model asked for happened in its service, or the task failed saying so.
 *
 * <p>A write tool is one whose call is a write: declared so by the task's submission ({@code writeTools}), or seen
 * in the history as the operation of a write to a workload service ({@link WorkloadServices}). The model's tool calls
 * are matched to the services' ops by name: a service records a call under the name of the tool that made it.
 *
 * <p>Two findings: a tool result no service gave (the model asked for a write, and the agent answered the model
 * before any workload service saw a call for it: a made-up result), and a task that reported COMPLETED although a
 * write the model asked for never took effect. A refused write handed back to the model as an error is not made up; a
 * task that ends FAILED with its reason accounts for the writes it did not make.
 */
final class RequestedWritesChecker implements Checker {

  @Override
  public String name() {
    return "requested-writes";
  }

  @Override
  public CheckResult check(History history) {
    List<Op> ops = history.ops();
    Set<String> writeTools = TaskOps.writeTools(ops);
    String services = WorkloadServices.the(WorkloadServices.calledIn(history));
    List<Op> requests = ops.stream().filter(op -> !writesAskedFor(op, writeTools).isEmpty()).toList();
    for (Op request : requests) {
      for (String tool : writesAskedFor(request, writeTools)) {
        Optional<Op> answer = answerTo(ops, request, tool);
        if (answer.isPresent() && serviceCalls(ops, tool, request.index(), answer.get().index()).isEmpty()) {
          return CheckResult.fail(name(), "the model asked for " + tool + " at turn " + request.number(TURN, -1)
              + " (op #" + request.index() + "); " + neverRecorded(ops, tool) + "; the agent answered it with a"
              + " result " + neverGave(ops, tool) + " (model call at op #"
              + answer.get().index() + "); run every tool call the model makes and hand back what the service"
              + " answered", List.of(request.index(), answer.get().index()));
        }
      }
    }
    Optional<Op> completed = TaskOps.lastStatus(ops).filter(op -> COMPLETED.equals(op.text(TASK_STATE)));
    if (completed.isPresent()) {
      Map<String, Op> firstAsked = new LinkedHashMap<>();
      requests.forEach(request -> writesAskedFor(request, writeTools).forEach(tool -> firstAsked.putIfAbsent(tool,
          request)));
      for (Map.Entry<String, Op> asked : firstAsked.entrySet()) {
        String tool = asked.getKey();
        boolean effected = ops.stream().anyMatch(op -> op.index() > asked.getValue().index() && isCallOf(op, tool)
            && op.type() == OpType.OK);
        if (!effected) {
          return CheckResult.fail(name(), "task reported " + COMPLETED + " (op #" + completed.get().index()
              + ") but the " + tool + " the model asked for at turn " + asked.getValue().number(TURN, -1) + " (op #"
              + asked.getValue().index() + ") never took effect in " + answerer(ops, tool).map(WorkloadServices::the)
              .orElse("any workload service") + "; a task whose write"
              + " did not happen must end FAILED with the reason",
              List.of(asked.getValue().index(), completed.get().index()));
        }
      }
    }
    if (requests.isEmpty()) {
      return CheckResult.pass(name(), "the model asked for no write");
    }
    return CheckResult.pass(name(), "every write the model asked for reached " + services + " ("
        + String.join(", ", requests.stream().flatMap(request -> writesAskedFor(request, writeTools).stream())
            .distinct().toList()) + ")");
  }

  /** The write tools a successful model call asks for, in order. */
  private static List<String> writesAskedFor(Op op, Set<String> writeTools) {
    if (!op.is(MODEL, CHAT_COMPLETION) || op.type() != OpType.OK) {
      return List.of();
    }
    List<String> writes = new ArrayList<>(op.list(TOOL_CALLS));
    writes.retainAll(writeTools);
    return writes;
  }

  /** The first later model call that carries {@code tool}'s result: the agent's answer to the request. */
  private static Optional<Op> answerTo(List<Op> ops, Op request, String tool) {
    return ops.stream().filter(op -> op.index() > request.index() && op.is(MODEL, CHAT_COMPLETION)
        && op.type() != OpType.INVOKE && tool.equals(op.text(LAST_TOOL_RESULT))).findFirst();
  }

  /**
   * The answers to a call of {@code tool} between two ops: a workload service's, or, with tools over MCP, the MCP
   * server's (its tool result, an error included, is what the agent hands back; the effect itself is the service's).
   */
  private static List<Op> serviceCalls(List<Op> ops, String tool, long after, long before) {
    return ops.stream().filter(op -> op.index() > after && op.index() < before
        && (isCallOf(op, tool) || op.is(MCP, TOOLS_CALL) && tool.equals(op.text(MCP_TOOL)))
        && op.type() != OpType.INVOKE).toList();
  }

  private static boolean isCallOf(Op op, String tool) {
    return WorkloadServices.isCall(op) && op.operation().equals(tool);
  }

  /**
   * Who should have answered {@code tool}: the service a call of it went to anywhere in the run, else the one
   * service the run called ({@code the CRM}); empty when the run called several and none for it.
   */
  private static Optional<String> answerer(List<Op> ops, String tool) {
    Optional<String> service = ops.stream().filter(op -> isCallOf(op, tool)).findFirst().map(Op::service);
    List<String> called = ops.stream().filter(WorkloadServices::isCall).map(Op::service).distinct().toList();
    return service.or(() -> called.size() == 1 ? Optional.of(called.get(0)) : Optional.empty());
  }

  /** {@code the CRM never recorded a note}, or {@code no workload service recorded a call for it}. */
  private static String neverRecorded(List<Op> ops, String tool) {
    return answerer(ops, tool).map(service -> WorkloadServices.the(service) + " never recorded " + what(ops, tool))
        .orElse("no workload service recorded " + what(ops, tool));
  }

  /** {@code the CRM never gave}, or {@code no service gave}. */
  private static String neverGave(List<Op> ops, String tool) {
    return answerer(ops, tool).map(service -> WorkloadServices.the(service) + " never gave").orElse("no service gave");
  }

  /** What the service should have recorded: {@code a note} (the effect its calls leave), else {@code a call}. */
  private static String what(List<Op> ops, String tool) {
    return ops.stream().filter(op -> isCallOf(op, tool) && op.text(EFFECT_TYPE) != null).findFirst()
        .map(op -> "a " + op.text(EFFECT_TYPE)).orElse("a call for it");
  }
}
