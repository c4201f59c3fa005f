package dev.crashtest.fakes.model.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A complete {@code 200} whose JSON is cut in half: the whole body of a plain answer, or the first event of a
 * stream (the other events and {@code data: [DONE]} follow intact).
 */
public record MalformedJsonFault() implements FaultKind {
  static final String NAME = "malformed_json";
  static final FaultType TYPE = FaultType.of(NAME, List.of(), fields -> new MalformedJsonFault());

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
    return "200 with JSON cut in half";
  }

  @Override
  public boolean apply(ChatAnswer answer) {
    if (!answer.stream()) {
      answer.broken(ChatAnswer.utf8(half(answer.json())), ChatAnswer.JSON, "the body is JSON cut in half");
      return true;
    }
    List<String> events = new ArrayList<>(answer.events());
    String first = events.get(0);
    String json = first.substring("data: ".length(), first.length() - 2);
    events.set(0, "data: " + half(json) + "\n\n");
    answer.broken(ChatAnswer.utf8(String.join("", events) + CompletionRenderer.DONE), ChatAnswer.SSE,
        "the first event is JSON cut in half");
    return true;
  }

  private static String half(String json) {
    return json.substring(0, json.length() / 2);
  }
}
