package dev.crashtest.explore;

import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;

/**
 * A failure an exploration found and shrank: the checker that failed, the smallest schedule that still fails it, the
 * steps that made it small, the run that showed it, and the scenario file it was written to.
 *
 * @param foundInRun the exploration run that first failed this way
 * @param run that exploration run's result
 * @param minimalRun the last run of the minimal schedule, which failed {@code checker}: the reproducer's timeline
 * @param reproduce the command that runs the written scenario file again
 */
public record Finding(String checker, Scenario minimal, Schedule schedule, List<String> shrinkSteps, int foundInRun,
    RunResult run, RunResult minimalRun, Path file, String reproduce) {

  public Finding {
    shrinkSteps = List.copyOf(shrinkSteps);
  }
}
