package dev.crashtest.check;

/** What a checker concluded. A checker that could not decide, or crashed, says {@link #UNKNOWN}, never PASS. */
public enum Verdict {
  PASS,
  FAIL,
  UNKNOWN
}
