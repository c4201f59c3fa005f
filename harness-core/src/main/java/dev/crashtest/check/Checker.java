package dev.crashtest.check;

import dev.crashtest.history.History;

/**
 * A pure function from a {@link History} to a {@link CheckResult}. Checkers do no I/O and keep no state.
 *
 * <pre>{@code
 * Checker checker = Checks.taskCompleted();
 * CheckResult result = checker.check(history);
 * }</pre>
 */
public interface Checker {

  /** A short, stable name, e.g. {@code task-completed}; reports and {@code --fail-on} policies use it. */
  String name();

  /**
   * The check's argument, for a check that takes one ({@code bounded-retries}: the most retries allowed); two
   * checkers with the same name and argument judge alike.
   */
  default java.util.OptionalInt argument() {
    return java.util.OptionalInt.empty();
  }

  /** Judges the history. May throw; {@link Checks#run} turns that into UNKNOWN. */
  CheckResult check(History history);
}
