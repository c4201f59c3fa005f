package dev.crashtest.fakes.model.internal;

import java.util.List;
import java.util.Map;

/**
 * {@code 500}, {@code 502} or {@code 503} with OpenAI's error body, {@code type: server_error}.
 *
 * @param status 500, 502 or 503
 */
public record ServerErrorFault(int status) implements FaultKind {
  static final String NAME = "server_error";
  static final FaultType TYPE = FaultType.of(NAME, List.of("status"),
      fields -> new ServerErrorFault(fields.smallInteger("status")));
  private static final Map<Integer, String> MESSAGES = Map.of(
      500, "The server had an error while processing your request. Sorry about that!",
      502, "Bad gateway.",
      503, "The engine is currently overloaded, please try again later.");

  public ServerErrorFault {
    if (!MESSAGES.containsKey(status)) {
      throw new InvalidFaultException(NAME, "status", status + " is not a server error the fake model answers with; "
          + "use 500, 502 or 503 (or overloaded() for 529)");
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> wireFields() {
    return Map.of("status", status);
  }

  @Override
  public String describe() {
    return status + " server_error";
  }

  @Override
  public boolean apply(ChatAnswer answer) {
    answer.fail(new OpenAiError(status, MESSAGES.get(status), "server_error", null, null));
    return true;
  }
}
