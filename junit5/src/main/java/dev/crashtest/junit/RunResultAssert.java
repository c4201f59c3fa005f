package dev.crashtest.junit;

import dev.crashtest.check.CheckResult;
import dev.crashtest.check.Verdict;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import java.util.Arrays;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Assertions on one run that read as a sentence and fail with a {@link ScenarioFailedError} telling the whole run.
 * Reached by {@code Crashtest.assertThat(result)}.
 *
 * <pre>{@code
 * assertThat(runner.run(scenario("crash-after-place-order"), agent, seed)).passed();
 * assertThat(result).failedOn("exactly-once-effects");
 * assertThat(result).check("task-ended").passed().hasMessageContaining("context_length_exceeded");
 * }</pre>
 */
public final class RunResultAssert {
  private final RunResult result;

  RunResultAssert(RunResult result) {
    this.result = Objects.requireNonNull(result, "result: the run to assert on");
  }

  /** Every check passed and nothing went wrong: verdict PASS. */
  public RunResultAssert passed() {
    return hasVerdict(RunVerdict.PASS);
  }

  /** The verdict is {@code verdict} (PASS, FAIL, ERROR or SKIPPED). */
  public RunResultAssert hasVerdict(RunVerdict verdict) {
    if (result.verdict() != verdict) {
      throw failure("expected the run to " + expected(verdict) + ", but it was " + result.verdict());
    }
    return this;
  }

  /**
   * The run FAILed on exactly these checks: each of them failed, and every other check passed.
   *
   * <pre>{@code
   * assertThat(result).failedOn("task-completed");
   * }</pre>
   */
  public RunResultAssert failedOn(String... checkers) {
    TreeSet<String> expected = new TreeSet<>(Arrays.asList(checkers));
    TreeSet<String> violated = new TreeSet<>(result.violations().stream().map(CheckResult::checker).toList());
    boolean onlyFails = result.violations().stream().allMatch(check -> check.verdict() == Verdict.FAIL);
    if (result.verdict() != RunVerdict.FAIL || !expected.equals(violated) || !onlyFails) {
      throw failure("expected the run to fail on " + expected + " and pass every other check, but it was "
          + result.verdict() + " with " + (violated.isEmpty() ? "no check violated" : "violations " + violated));
    }
    return this;
  }

  /**
   * Exactly these checks ran, whatever their verdicts: the scenario judged what the test expects it to judge.
   *
   * <pre>{@code
   * assertThat(result).hasChecks("task-completed", "exactly-once-effects", "no-work-redone");
   * }</pre>
   */
  public RunResultAssert hasChecks(String... checkers) {
    TreeSet<String> expected = new TreeSet<>(Arrays.asList(checkers));
    TreeSet<String> ran = new TreeSet<>(result.checks().stream().map(CheckResult::checker).toList());
    if (!expected.equals(ran)) {
      throw failure("expected the checks " + expected + " to have run, but they were " + ran);
    }
    return this;
  }

  /** Assertions on the check named {@code checker} (e.g. {@code exactly-once-effects}), which must have run. */
  public CheckAssert check(String checker) {
    CheckResult check = result.checks().stream().filter(c -> c.checker().equals(checker)).findFirst()
        .orElseThrow(() -> failure("expected check [" + checker + "] to have run, but the run's checks are "
            + result.checks().stream().map(CheckResult::checker).toList()));
    return new CheckAssert(result, check);
  }

  /** The run asserted on. */
  public RunResult result() {
    return result;
  }

  private ScenarioFailedError failure(String expectation) {
    return new ScenarioFailedError(expectation, result);
  }

  private static String expected(RunVerdict verdict) {
    return switch (verdict) {
      case PASS -> "pass";
      case FAIL -> "fail";
      case ERROR -> "end in ERROR";
      case SKIPPED -> "be skipped";
    };
  }
}
