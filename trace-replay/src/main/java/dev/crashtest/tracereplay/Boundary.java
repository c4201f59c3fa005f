package dev.crashtest.tracereplay;

import dev.crashtest.tracereplay.AgentRun.ModelCall;
import dev.crashtest.tracereplay.AgentRun.ToolCall;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where in a run a fault goes, as a scenario trigger: the moment right after an operation the trace shows, so a
 * replay puts the fault on the same boundary whatever the timing. After a tool's service call: that service's
 * answer ({@code committed} for a first successful write, else {@code call} with {@code nth}); after a model answer
 * that asked for a tool: {@code agent-enters} that tool; after any other model call: the model's nth answer.
 */
final class Boundary {
  /** One operation of the run, with the trigger that fires right after it. */
  record Operation(long endNanos, String trigger, String what, TraceSpan span) {}

  private final List<Operation> operations = new ArrayList<>();

  Boundary(AgentRun run) {
    for (ToolCall call : run.toolCalls) {
      operations.add(new Operation(call.span().endNanos(), trigger(call), "the " + call.name() + " call",
          call.span()));
    }
    for (ModelCall call : run.modelCalls) {
      String trigger = !call.failed() && !call.asked().isEmpty()
          ? "{agent-enters: " + call.asked().get(0).name() + "}"
          : "{call: model.chat_completion" + nth(call.nth()) + "}";
      operations.add(new Operation(call.span().endNanos(), trigger, "model call " + call.nth(), call.span()));
    }
    operations.sort(Comparator.comparingLong(Operation::endNanos));
  }

  static String trigger(ToolCall call) {
    Optional<String> service = call.service();
    if (service.isEmpty()) {
      return "awaiting-approval";
    }
    boolean committed = call.isWrite() && !call.failed() && call.nth() == 1;
    return committed ? "{committed: " + service.get() + "." + call.name() + "}"
        : "{call: " + service.get() + "." + call.name() + nth(call.nth()) + "}";
  }

  private static String nth(int nth) {
    return nth == 1 ? "" : ", nth: " + nth;
  }

  /** The last operation that ended before {@code nanos} (in any process), if any. */
  Optional<Operation> before(long nanos) {
    Operation last = null;
    for (Operation operation : operations) {
      if (operation.endNanos() <= nanos) {
        last = operation;
      }
    }
    return Optional.ofNullable(last);
  }

  /** The last operation among {@code spans} (one process's), if any. */
  Optional<Operation> lastAmong(List<TraceSpan> spans) {
    Operation last = null;
    for (Operation operation : operations) {
      if (spans.contains(operation.span())) {
        last = operation;
      }
    }
    return Optional.ofNullable(last);
  }
}
