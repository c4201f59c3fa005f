package dev.crashtest.junit;

import dev.crashtest.check.CheckResult;
import dev.crashtest.check.Verdict;
import dev.crashtest.scenario.RunResult;

/**
 * Assertions on one check of a run; a miss is a {@link ScenarioFailedError} naming the check and telling the run.
 *
 * <pre>{@code
 * assertThat(result).check("retry-after-honoured").failed()
 *     .hasMessageStartingWith("the agent ignored Retry-After: op #");
 * }</pre>
 */
public final class CheckAssert {
  private final RunResult result;
  private final CheckResult check;

  CheckAssert(RunResult result, CheckResult check) {
    this.result = result;
    this.check = check;
  }

  public CheckAssert passed() {
    return hasVerdict(Verdict.PASS);
  }

  public CheckAssert failed() {
    return hasVerdict(Verdict.FAIL);
  }

  /** The check's verdict is {@code verdict} (PASS, FAIL, or UNKNOWN for a checker that could not judge). */
  public CheckAssert hasVerdict(Verdict verdict) {
    if (check.verdict() != verdict) {
      throw failure("to be " + verdict + ", but it was " + check.verdict());
    }
    return this;
  }

  /** The check's message is exactly {@code message}. */
  public CheckAssert hasMessage(String message) {
    return expect(check.message().equals(message), "to be [" + message + "]");
  }

  public CheckAssert hasMessageContaining(String part) {
    return expect(check.message().contains(part), "to contain [" + part + "]");
  }

  public CheckAssert hasMessageStartingWith(String prefix) {
    return expect(check.message().startsWith(prefix), "to start with [" + prefix + "]");
  }

  /** The whole message matches the regular expression {@code regex}. */
  public CheckAssert hasMessageMatching(String regex) {
    return expect(check.message().matches(regex), "to match [" + regex + "]");
  }

  /** The check's result: verdict, message and evidence. */
  public CheckResult result() {
    return check;
  }

  private CheckAssert expect(boolean holds, String expectation) {
    if (!holds) {
      throw new ScenarioFailedError("expected the message of check [" + check.checker() + "] " + expectation
          + ", but it was [" + check.message() + "]", result);
    }
    return this;
  }

  private ScenarioFailedError failure(String expectation) {
    return new ScenarioFailedError("expected check [" + check.checker() + "] " + expectation + ": "
        + check.message(), result);
  }
}
