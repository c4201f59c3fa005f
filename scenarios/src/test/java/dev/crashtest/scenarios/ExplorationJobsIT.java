package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.explore.ExplorationResult;
import dev.crashtest.explore.Exploration;
import dev.crashtest.explore.Finding;
import dev.crashtest.scenario.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explore --jobs 2}: runs drawn ahead and run side by side, still reported, judged and shrunk in run order;
 * a shrink candidate's two tries run at once, each in a directory of its own.
 */
class ExplorationJobsIT {
  @Test
  void two_jobs_report_runs_in_order_and_shrink_with_tries_side_by_side(@TempDir Path out) throws Exception {
    ExplorationResult result = Exploration.of(Agents.naive()).withSeed(1).withRuns(4).withJobs(2)
        .withTriesPerCandidate(2).withMaxShrinkRuns(3).writingTo(out).run();

    assertThat(result.runs()).extracting(RunResult::scenario).as("runs, in run order")
        .containsExactly("explore-001", "explore-002", "explore-003", "explore-004");
    assertThat(result.findings()).as("seed 1 loses the naive agent's task in run 2 or 3").isNotEmpty();
    Finding first = result.findings().get(0);
    assertThat(first.file()).exists();
    assertThat(first.minimalRun()).as("the minimal schedule's own run").isNotNull();
    Path shrinks = out.resolve("shrink").resolve(first.minimal().name());
    try (Stream<Path> tries = Files.list(shrinks)) {
      assertThat(tries.map(path -> path.getFileName().toString()).sorted())
          .as("one directory per try of each candidate").contains("001-1", "001-2");
    }
  }
}
