package dev.crashtest.junit;

import dev.crashtest.scenario.RunResult;

/**
 * A run that did not meet a test's expectation, told as a test report shows it: what was expected, then the
 * scenario, agent and verdict, each violated check with its explanation and evidence ops, the error of an ERROR
 * run, the seed, the history file and the command that reruns it.
 *
 * <pre>{@code
 * assertThat(result).passed();   // throws ScenarioFailedError:
 * // expected the run to pass, but it was FAIL
 * // scenario [crash-before-create-quote], agent [naive]: FAIL
 * //   task-completed FAIL: task [task-f8819cc4] lost: after the agent restarted (op #11) ...
 * //     evidence: #11 +2301ms harness agent_restarted INFO
 * //   seed: 42
 * //   history: /work/target/crashtest/MyAgentTest/survives/history.jsonl
 * //   reproduce: ./crashtest run --scenario crash-before-create-quote --agent naive --seed 42
 * }</pre>
 */
public final class ScenarioFailedError extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final transient RunResult result;

  ScenarioFailedError(String expectation, RunResult result) {
    super(expectation + "\n" + RunReport.of(result));
    this.result = result;
  }

  /** The run that failed the expectation, to inspect further. */
  public RunResult result() {
    return result;
  }
}
