package dev.crashtest.fakes.model.internal;

import java.util.List;
import java.util.Map;

/** {@code 529 {"error": {"type": "overloaded_error", "message": "Overloaded"}}}, as an overloaded provider answers. */
public record OverloadedFault() implements FaultKind {
  static final String NAME = "overloaded";
  static final FaultType TYPE = FaultType.of(NAME, List.of(), fields -> new OverloadedFault());
  static final String BODY = "{\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> wireFields() {
    return Map.of();
  }

  @Override
  public String describe() {
    return "529 overloaded_error";
  }

  @Override
  public boolean apply(ChatAnswer answer) {
    answer.fail(529, BODY, "Overloaded");
    return true;
  }
}
