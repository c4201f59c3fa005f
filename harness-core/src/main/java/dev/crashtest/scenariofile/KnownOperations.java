package dev.crashtest.scenariofile;

import dev.crashtest.fakes.identity.IdentityEvents;
import dev.crashtest.history.Vocabulary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the workload's run can do, so a trigger that could never fire is refused when the file is read rather than
 * found missed after a run: the tools the model asks for, the operations each service answers, the writes that
 * commit. For the procurement task.
 */
final class KnownOperations {
  static final List<String> TOOLS = List.of("get_account", "create_quote", "place_order", "add_note");
  /** The CRM operations that commit a write (reads commit nothing, so a commit trigger on one never fires). */
  static final List<String> COMMITTED = List.of("crm.create_quote", "crm.place_order", "crm.add_note");
  static final Map<String, List<String>> ANSWERED = answered();

  private KnownOperations() {}

  private static Map<String, List<String>> answered() {
    Map<String, List<String>> answered = new LinkedHashMap<>();
    answered.put(Vocabulary.MODEL, List.of(Vocabulary.CHAT_COMPLETION));
    answered.put(Vocabulary.IDENTITY, List.of(IdentityEvents.CLIENT_CREDENTIALS, IdentityEvents.TOKEN_EXCHANGE,
        IdentityEvents.TOKEN_REQUEST, IdentityEvents.INTROSPECT));
    answered.put(Vocabulary.CRM, TOOLS);
    return Map.copyOf(answered);
  }

  /** Every {@code service.operation} a call trigger may name, in service order. */
  static List<String> calls() {
    return List.of(Vocabulary.MODEL, Vocabulary.IDENTITY, Vocabulary.CRM).stream()
        .flatMap(service -> ANSWERED.get(service).stream().map(op -> service + "." + op)).toList();
  }
}
