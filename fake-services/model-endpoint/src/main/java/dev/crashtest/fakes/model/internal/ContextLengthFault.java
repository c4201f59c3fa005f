package dev.crashtest.fakes.model.internal;

import java.util.List;
import java.util.Map;

/**
 * OpenAI's {@code 400 context_length_exceeded}, only for requests whose estimated prompt (characters / 4, the
 * {@code promptTokens} of the event) exceeds the budget; smaller requests are answered normally.
 *
 * @param tokenBudget the model's pretended maximum context length, in tokens
 */
public record ContextLengthFault(int tokenBudget) implements FaultKind {
  static final String NAME = "context_length_exceeded";
  static final FaultType TYPE = FaultType.of(NAME, List.of("tokenBudget"),
      fields -> new ContextLengthFault(fields.smallInteger("tokenBudget")));

  public ContextLengthFault {
    if (tokenBudget < 1) {
      throw new InvalidFaultException(NAME, "tokenBudget", tokenBudget + " must be at least 1 token");
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> wireFields() {
    return Map.of("tokenBudget", tokenBudget);
  }

  @Override
  public String describe() {
    return "400 context_length_exceeded when the prompt exceeds " + tokenBudget + " tokens";
  }

  @Override
  public boolean apply(ChatAnswer answer) {
    int prompt = answer.usage().promptTokens();
    if (prompt <= tokenBudget) {
      return false;
    }
    answer.fail(OpenAiError.invalidRequest("This model's maximum context length is " + tokenBudget + " tokens. "
        + "However, your messages resulted in " + prompt + " tokens. Please reduce the length of the messages.",
        "messages", "context_length_exceeded"));
    answer.detail("tokenBudget", tokenBudget);
    return true;
  }
}
