package dev.crashtest.fakes.model.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How the admin API spells one {@link FaultKind}: its {@code type}, its fields, and how to make it from them.
 *
 * @param name the {@code type} value, e.g. {@code rate_limited}
 * @param required the fields it needs, one per factory parameter
 * @param optional the fields it may take besides {@code forRequests} and {@code whenToolCall}
 * @param parse makes the kind from checked fields; throws {@link InvalidFaultException}
 */
record FaultType(String name, List<String> required, List<String> optional, Function<FaultFields, FaultKind> parse) {

  FaultType {
    required = List.copyOf(required);
    optional = List.copyOf(optional);
  }

  static FaultType of(String name, List<String> required, Function<FaultFields, FaultKind> parse) {
    return new FaultType(name, required, List.of(), parse);
  }

  /** {@code rate_limited {retryAfterSeconds}}, with optional fields marked {@code ?}. */
  String signature() {
    if (required.isEmpty() && optional.isEmpty()) {
      return name;
    }
    List<String> fields = new ArrayList<>(required);
    optional.forEach(field -> fields.add(field + "?"));
    return name + " {" + String.join(", ", fields) + "}";
  }
}
