package dev.crashtest.scenariofile;

import dev.crashtest.fakes.identity.IdentityEvents;
import dev.crashtest.history.Vocabulary;
import dev.crashtest.workload.Tool;
import dev.crashtest.workload.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * What a workload's run can do, so a trigger that could never fire is refused when the file is read rather than
 * found missed after a run: the tools the model asks for, the operations each service answers, the writes that
 * commit.
 */
final class KnownOperations {
  final List<String> tools;
  /** The {@code service.operation}s that commit an effect (reads commit nothing, so a commit trigger never fires). */
  final List<String> committed;
  /** Every {@code service.operation} a call trigger may name, in service order. */
  final List<String> calls;

  private KnownOperations(List<String> tools, List<String> committed, List<String> calls) {
    this.tools = tools;
    this.committed = committed;
    this.calls = calls;
  }

  static KnownOperations of(Workload workload) {
    List<String> tools = workload.tools().stream().filter(tool -> !tool.gate()).map(Tool::name).toList();
    List<String> calls = new ArrayList<>();
    calls.add(Vocabulary.MODEL + "." + Vocabulary.CHAT_COMPLETION);
    for (String op : List.of(IdentityEvents.CLIENT_CREDENTIALS, IdentityEvents.TOKEN_EXCHANGE,
        IdentityEvents.TOKEN_REQUEST, IdentityEvents.INTROSPECT)) {
      calls.add(Vocabulary.IDENTITY + "." + op);
    }
    calls.addAll(workload.operations());
    return new KnownOperations(tools, workload.committedOperations(), List.copyOf(calls));
  }

  /** The operations of the services whose writes commit, without the service: for {@code crm-commit-then-drop}. */
  List<String> committedOperations() {
    return committed.stream().map(op -> op.substring(op.indexOf('.') + 1)).toList();
  }
}
