package dev.crashtest.explore;

import dev.crashtest.scenario.RunResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What an exploration did and found.
 *
 * @param runs every exploration run, in order (the clean run and shrink runs excluded)
 * @param faultsTried how many faults of each family the schedules held
 * @param findings each distinct failure, shrunk, in the order found
 * @param stoppedEarly why it stopped before its runs were done (the time budget), or empty
 */
public record ExplorationResult(long seed, String agent, Boundaries boundaries, List<RunResult> runs,
    Map<String, Integer> faultsTried, List<Finding> findings, int shrinkRuns, Duration elapsed, String stoppedEarly) {

  public ExplorationResult {
    runs = List.copyOf(runs);
    faultsTried = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(faultsTried));
    findings = List.copyOf(findings);
    stoppedEarly = stoppedEarly == null ? "" : stoppedEarly;
  }

  /** Whether no schedule was drawn: the clean run did not pass, so there was no task to break ({@link #stoppedEarly}). */
  public boolean nothingExplored() {
    return faultsTried.isEmpty();
  }
}
