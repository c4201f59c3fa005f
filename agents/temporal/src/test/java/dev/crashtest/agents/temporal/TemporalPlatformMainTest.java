package dev.crashtest.agents.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TemporalPlatformMainTest {

  @Test
  void port_is_read_and_the_harness_options_every_platform_gets_are_accepted() {
    int port = TemporalPlatformMain.port(new String[] {"--port", "7233", "--admin-port", "7234", "--state-dir", "/tmp/s"});

    assertThat(port).as("port").isEqualTo(7233);
  }

  @Test
  void missing_port_is_refused_with_the_usage() {
    assertThatThrownBy(() -> TemporalPlatformMain.port(new String[] {"--state-dir", "/tmp/s"}))
        .as("no --port")
        .hasMessage("option [--port] is required; usage: --port <1-65535> [--admin-port <port>] [--state-dir <dir>]");
  }

  @Test
  void port_out_of_range_and_unknown_options_are_refused() {
    assertThatThrownBy(() -> TemporalPlatformMain.port(new String[] {"--port", "70000"}))
        .as("port 70000")
        .hasMessage("--port [70000] is not a TCP port (1-65535); usage: --port <1-65535> [--admin-port <port>]"
            + " [--state-dir <dir>]");
    assertThatThrownBy(() -> TemporalPlatformMain.port(new String[] {"--namespace", "x"}))
        .as("unknown option")
        .hasMessage("unknown argument [--namespace]; usage: --port <1-65535> [--admin-port <port>] [--state-dir <dir>]");
  }
}
