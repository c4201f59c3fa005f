package dev.crashtest.check;

import dev.crashtest.history.History;
import java.util.List;

/**
 * The checkers Crashtest ships, by name.
 *
 * <pre>{@code
 * List<CheckResult> results = Checks.runAll(Checks.standard(), history);
 * }</pre>
 *
 * <p>Each keeps one failure apart from the others: a <em>lost</em> task, <em>redone</em> work and a
 * <em>duplicated</em> effect are three different findings with three different fixes.
 */
public final class Checks {
  private Checks() {}

  /** The task reached COMPLETED; fails with "lost", "failed" or "did not complete" and why. */
  public static Checker taskCompleted() {
    return new TaskCompletedChecker();
  }

  /** No quote, order or note was created twice for the same account. */
  public static Checker exactlyOnceEffects() {
    return new ExactlyOnceEffectsChecker();
  }

  /** After an agent restart, no model call or CRM call that had completed before the crash is made again. */
  public static Checker noWorkRedone() {
    return new NoWorkRedoneChecker();
  }

  /** Every CRM write was made with a delegated token naming agent, user and the write scope. */
  public static Checker delegatedWrites() {
    return new DelegatedWritesChecker();
  }

  /** After a 429 with {@code Retry-After: N}, the agent's next model call waits at least N seconds. */
  public static Checker retryAfterHonoured() {
    return new RetryAfterChecker();
  }

  /** No service is called more than {@code max} times in a row while it keeps failing. */
  public static Checker boundedRetries(int max) {
    return new BoundedRetriesChecker(max);
  }

  /** The task completed, or failed with a reason; it did not hang and was not lost. */
  public static Checker taskEnded() {
    return new TaskEndedChecker();
  }

  /** The four checkers every scenario of the walking skeleton expects to pass. */
  public static List<Checker> standard() {
    return List.of(taskCompleted(), exactlyOnceEffects(), noWorkRedone(), delegatedWrites());
  }

  /** Runs one checker; a checker that throws gives UNKNOWN with the exception's message, never PASS. */
  public static CheckResult run(Checker checker, History history) {
    try {
      CheckResult result = checker.check(history);
      return result != null ? result : CheckResult.unknown(checker.name(), "the checker returned no result");
    } catch (RuntimeException e) {
      return CheckResult.unknown(checker.name(), "the checker crashed: " + e);
    }
  }

  public static List<CheckResult> runAll(List<Checker> checkers, History history) {
    return checkers.stream().map(checker -> run(checker, history)).toList();
  }
}
