package dev.crashtest.agents.restate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.agents.TaskRuntimes;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestateRuntimeProviderTest {

  @Test
  void restate_is_a_known_runtime_on_this_class_path() {
    assertThat(TaskRuntimes.known()).as("runtimes found by ServiceLoader").contains("naive", "restate");
  }

  @Test
  void without_the_platform_address_the_runtime_refuses_to_start_in_one_line() {
    assertThatThrownBy(() -> TaskRuntimes.create("restate", context -> "", Path.of("/tmp"), Map.of()))
        .as("no CRASHTEST_PLATFORM_ADDRESS")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("missing environment variable [CRASHTEST_PLATFORM_ADDRESS]; the restate runtime needs the"
            + " platform's address (for example: CRASHTEST_PLATFORM_ADDRESS=127.0.0.1:8080)");
  }
}
