package dev.crashtest.agents.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The model retry policy of the contract (section 3): {@code 429} and {@code 5xx} (and a broken connection)
 * are retried at most 5 times, waiting what {@code Retry-After} says, else a short exponential backoff.
 *
 * <pre>{@code
 * Duration wait = RetryPolicy.delay(Optional.of("2"), 1); // PT2S
 * }</pre>
 */
public final class RetryPolicy {
  public static final int MAX_RETRIES = 5;
  static final Duration MAX_WAIT = Duration.ofSeconds(60);

  private RetryPolicy() {}

  public static boolean isRetryable(int status) {
    return status == 429 || status >= 500;
  }

  /**
   * How long to wait before retry number {@code retry} (1-based).
   *
   * @param retryAfter the {@code Retry-After} header: seconds or an HTTP date
   */
  public static Duration delay(Optional<String> retryAfter, int retry) {
    Optional<Duration> asked = retryAfter.flatMap(RetryPolicy::parse);
    Duration wait = asked.orElse(Duration.ofMillis(250L << Math.min(retry - 1, 4)));
    return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
  }

  private static Optional<Duration> parse(String value) {
    String trimmed = value.trim();
    try {
      double seconds = Double.parseDouble(trimmed);
      return Optional.of(Duration.ofMillis(Math.max(0, (long) (seconds * 1000))));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration until = Duration.between(Instant.now(), at);
        return Optional.of(until.isNegative() ? Duration.ZERO : until);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }
}
