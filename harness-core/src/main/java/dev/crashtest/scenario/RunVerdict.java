package dev.crashtest.scenario;

/**
 * The verdict of one run: every check passed, a check failed, or the run could not be judged (the
 * environment or agent could not start, a checker could not decide, a fault of the scenario never fired or could
 * not be applied, a service's event could not be recorded).
 */
public enum RunVerdict {
  PASS,
  FAIL,
  ERROR,
  /** The scenario does not apply to the agent (e.g. a platform crash for an agent without a platform). */
  SKIPPED
}
