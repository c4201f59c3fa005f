package dev.crashtest.explore;

import dev.crashtest.scenario.RunResult;

/** Hears an exploration's progress, for a progress bar. Every method has a default that does nothing. */
public interface ExplorationListener {
  default void cleanRun(RunResult clean, Boundaries boundaries) {}

  default void runFinished(int run, int runs, RunResult result, int findings, long millisLeft) {}

  default void shrinking(String checker, String step) {}

  default void found(Finding finding) {}
}
