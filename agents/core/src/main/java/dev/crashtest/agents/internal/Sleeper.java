package dev.crashtest.agents.internal;

import java.time.Duration;

/**
 * Waits between retries; tests pass one that only records the wait.
 *
 * <pre>{@code
 * Sleeper.SYSTEM.sleep(Duration.ofMillis(200));
 * }</pre>
 */
@FunctionalInterface
public interface Sleeper {
  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
