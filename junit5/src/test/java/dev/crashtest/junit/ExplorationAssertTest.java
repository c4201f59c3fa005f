package dev.crashtest.junit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.explore.Boundaries;
import dev.crashtest.explore.ExplorationResult;
import dev.crashtest.explore.FaultFamily;
import dev.crashtest.explore.Finding;
import dev.crashtest.explore.PlannedFault;
import dev.crashtest.explore.Schedule;
import dev.crashtest.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplorationAssertTest {
  private static final Boundaries NONE = new Boundaries(List.of(), List.of(), 0);

  @Test
  void an_exploration_that_found_something_fails_with_each_reproducer() {
    Finding lost = new Finding("task-completed", Scenario.named("explore-found-001-task-completed")
        .describedAs("kill -9 the agent right after the model answered [chat_completion] #2"),
        new Schedule(9, List.of(new PlannedFault(FaultFamily.AGENT_KILL, 2, 0, 100, 0, "agent"))), List.of(), 9,
        null, null, Path.of("explore-out/found/001-task-completed.yaml"),
        "./crashtest run --scenario-file explore-out/found/001-task-completed.yaml --agent naive --seed 1");
    ExplorationResult result = new ExplorationResult(1, "naive", NONE, List.of(), Map.of(), List.of(lost), 3,
        Duration.ofSeconds(40), "");

    assertThatThrownBy(() -> Crashtest.assertThat(result).foundNothing()).isInstanceOf(AssertionError.class)
        .hasMessage("exploration of [naive] (seed 1, 0 runs) found 1 failure(s)\n"
            + "  [task-completed] kill -9 the agent right after the model answered [chat_completion] #2\n"
            + "    file: explore-out/found/001-task-completed.yaml\n"
            + "    reproduce: ./crashtest run --scenario-file explore-out/found/001-task-completed.yaml --agent naive"
            + " --seed 1");
  }

  @Test
  void an_exploration_that_found_nothing_passes() {
    ExplorationResult result = new ExplorationResult(1, "python", NONE, List.of(), Map.of(), List.of(), 0,
        Duration.ofSeconds(12), "");

    assertThatCode(() -> Crashtest.assertThat(result).foundNothing()).doesNotThrowAnyException();
  }
}
