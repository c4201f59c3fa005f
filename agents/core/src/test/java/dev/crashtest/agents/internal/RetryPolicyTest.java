package dev.crashtest.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void retry_after_in_seconds_is_honoured() {
    assertThat(RetryPolicy.delay(Optional.of("2"), 1)).as("Retry-After: 2").isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void without_retry_after_the_wait_doubles_from_250_ms() {
    assertThat(RetryPolicy.delay(Optional.empty(), 1)).as("first retry").isEqualTo(Duration.ofMillis(250));
    assertThat(RetryPolicy.delay(Optional.empty(), 3)).as("third retry").isEqualTo(Duration.ofMillis(1000));
  }

  @Test
  void a_huge_retry_after_is_capped_at_one_minute() {
    assertThat(RetryPolicy.delay(Optional.of("3600"), 1)).as("Retry-After: 3600").isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void only_429_and_5xx_are_retried() {
    assertThat(RetryPolicy.isRetryable(429)).as("429").isTrue();
    assertThat(RetryPolicy.isRetryable(503)).as("503").isTrue();
    assertThat(RetryPolicy.isRetryable(400)).as("400").isFalse();
    assertThat(RetryPolicy.isRetryable(401)).as("401").isFalse();
  }
}
