package dev.crashtest.scenario;

/**
 * The verdict of one run: every check passed, a check failed, or the run could not be judged (the
 * environment or agent could not start, a checker could not decide).
 */
public enum RunVerdict {
  PASS,
  FAIL,
  ERROR,
  /** The scenario does not apply to the agent (e.g. a platform crash for an agent without a platform). */
  SKIPPED
}
