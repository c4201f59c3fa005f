package dev.crashtest.fakes.model.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code 429} with {@code Retry-After} (whole seconds, rounded up) and OpenAI's rate limit error,
 * {@code type: requests}, {@code code: rate_limit_exceeded}.
 *
 * @param retryAfter how long the client is told to wait
 */
public record RateLimitedFault(Duration retryAfter) implements FaultKind {
  static final String NAME = "rate_limited";
  static final FaultType TYPE = FaultType.of(NAME, List.of("retryAfterSeconds"),
      fields -> new RateLimitedFault(fields.seconds("retryAfterSeconds")));

  public RateLimitedFault {
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (retryAfter.isNegative()) {
      throw new InvalidFaultException(NAME, "retryAfterSeconds", retryAfter.toMillis() / 1000.0
          + " is negative; use 0 for an immediate retry");
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  /** {@code retryAfterSeconds}: a whole number when it is whole seconds, else with the milliseconds as a fraction. */
  @Override
  public Map<String, Object> wireFields() {
    long millis = FaultFields.wholeMillis(NAME, "retryAfterSeconds", retryAfter);
    return Map.of("retryAfterSeconds", millis % 1000 == 0 ? (Object) (millis / 1000) : (Object) (millis / 1000.0));
  }

  /** {@code Retry-After}: whole seconds, rounded up. */
  long retryAfterSeconds() {
    long seconds = retryAfter.getSeconds();
    return retryAfter.getNano() > 0 ? seconds + 1 : seconds;
  }

  @Override
  public String describe() {
    return "429 rate_limit_exceeded with Retry-After " + retryAfterSeconds() + " s";
  }

  @Override
  public boolean apply(ChatAnswer answer) {
    long seconds = retryAfterSeconds();
    answer.fail(new OpenAiError(429, "Rate limit reached for " + answer.model() + " in organization "
        + "org-crashtest on requests per min (RPM): Limit 60, Used 60, Requested 1. Please try again in " + seconds
        + "s. Visit https://platform.openai.com/account/rate-limits to learn more.", "requests", null,
        "rate_limit_exceeded"));
    answer.header("Retry-After", Long.toString(seconds));
    answer.header("x-ratelimit-limit-requests", "60");
    answer.header("x-ratelimit-remaining-requests", "0");
    answer.header("x-ratelimit-reset-requests", seconds + "s");
    answer.detail("retryAfterSeconds", seconds);
    return true;
  }
}
