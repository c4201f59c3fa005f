package dev.crashtest.agents.dbos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.agents.dbos.PostgresPlatformMain.PlatformOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PlatformOptionsTest {

  @Test
  void the_three_options_the_harness_passes_are_read_and_the_admin_port_kept_aside() {
    PlatformOptions options = PlatformOptions.parse(
        new String[] {"--port", "41010", "--admin-port", "41011", "--state-dir", "/tmp/pg"});

    assertThat(options).as("options").isEqualTo(new PlatformOptions(41010, 41011, Path.of("/tmp/pg")));
  }

  @Test
  void a_missing_state_dir_is_refused_with_an_example() {
    assertThatThrownBy(() -> PlatformOptions.parse(new String[] {"--port", "41010"})).as("no --state-dir")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("options [--port] (1-65535) and [--state-dir] are required; usage: --port <port> "
            + "--admin-port <port> --state-dir <directory> (for example: --port 41010 --admin-port 41011 "
            + "--state-dir /tmp/crashtest-pg)");
  }

  @Test
  void an_unknown_option_or_a_bad_port_is_refused_naming_it() {
    assertThatThrownBy(() -> PlatformOptions.parse(new String[] {"--data", "/tmp/pg"})).as("unknown option")
        .hasMessage("unknown argument [--data]; usage: --port <port> --admin-port <port> --state-dir <directory>");
    assertThatThrownBy(() -> PlatformOptions.parse(new String[] {"--port", "http"})).as("bad port")
        .hasMessage("option [--port] value [http] is not a TCP port (0-65535)");
    assertThatThrownBy(() -> PlatformOptions.parse(new String[] {"--port"})).as("no value")
        .hasMessage("option [--port] needs a value; usage: --port <port> --admin-port <port> --state-dir <directory>");
  }
}
