package dev.crashtest.agents.restate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerBinaryTest {

  @Test
  void the_default_path_is_where_the_install_script_puts_it() {
    assertThat(ServerBinary.defaultPath(Map.of("HOME", "/home/ci"))).as("under HOME")
        .isEqualTo(Path.of("/home/ci/.cache/crashtest/restate/node_modules/@restatedev/restate-server-linux-x64/bin"
            + "/restate-server"));
    assertThat(ServerBinary.defaultPath(Map.of("HOME", "/home/ci", "CRASHTEST_CACHE", "/cache"))).as("CRASHTEST_CACHE")
        .isEqualTo(Path.of("/cache/restate/node_modules/@restatedev/restate-server-linux-x64/bin/restate-server"));
  }

  @Test
  void a_missing_binary_says_to_run_the_install_script() {
    assertThatThrownBy(() -> ServerBinary.locate(Map.of("CRASHTEST_RESTATE_SERVER", "/nowhere/restate-server")))
        .as("binary missing")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no restate-server binary at [/nowhere/restate-server]; run ci/install-restate.sh"
            + " (or set CRASHTEST_RESTATE_SERVER to the binary)");
  }
}
