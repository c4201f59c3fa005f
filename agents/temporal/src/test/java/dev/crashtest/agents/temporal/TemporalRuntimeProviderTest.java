package dev.crashtest.agents.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.agents.TaskRuntimeProvider;
import dev.crashtest.agents.TaskRuntimes;
import dev.crashtest.agents.TaskWorkflow;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemporalRuntimeProviderTest {
  private final TaskWorkflow closuresOnly = context -> "done";

  @Test
  void temporal_is_a_known_runtime_on_this_class_path() {
    assertThat(TaskRuntimes.known()).as("known runtimes").contains("naive", "temporal");
  }

  @Test
  void missing_platform_address_is_refused_with_an_example() {
    TaskRuntimeProvider provider = new TemporalRuntimeProvider();

    assertThatThrownBy(() -> provider.create(closuresOnly, Path.of("state"), Map.of()))
        .as("no CRASHTEST_PLATFORM_ADDRESS")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("missing environment variable [CRASHTEST_PLATFORM_ADDRESS]; the temporal runtime needs the"
            + " Temporal frontend's host:port (for example: CRASHTEST_PLATFORM_ADDRESS=127.0.0.1:7233)");
  }

  @Test
  void workflow_whose_steps_are_only_closures_is_refused() {
    TaskRuntimeProvider provider = new TemporalRuntimeProvider();

    assertThatThrownBy(() -> provider.create(closuresOnly, Path.of("state"),
        Map.of("CRASHTEST_PLATFORM_ADDRESS", "127.0.0.1:1")))
        .as("workflow without a step executor")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the temporal runtime runs steps as activities and needs a workflow whose steps are described"
            + " as data (TaskWorkflow.stepExecutor() is empty)");
  }
}
