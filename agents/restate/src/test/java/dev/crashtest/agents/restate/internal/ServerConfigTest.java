package dev.crashtest.agents.restate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
  private final String toml = ServerConfig.builder(Path.of("/var/crashtest/restate"))
      .ingressPort(18080).adminPort(19070).nodePort(15122).build().toToml();

  @Test
  void everything_listens_on_loopback_with_the_given_ports() {
    assertThat(toml.lines()).as("restate.toml")
        .contains("bind-ip = \"127.0.0.1\"", "advertised-host = \"127.0.0.1\"", "listen-mode = \"tcp\"",
            "bind-port = 15122", "bind-port = 19070", "bind-port = 18080");
  }

  @Test
  void state_lives_under_the_state_dir_with_a_fixed_node_name_so_a_restart_finds_it() {
    assertThat(toml.lines()).as("restate.toml")
        .contains("base-dir = \"/var/crashtest/restate/restate-data\"", "node-name = \"crashtest\"");
  }

  @Test
  void telemetry_and_web_ui_are_off() {
    assertThat(toml.lines()).as("restate.toml").contains("disable-telemetry = true", "disable-web-ui = true");
  }

  @Test
  void invocations_are_retried_from_100_ms_up_to_1_s_instead_of_500_ms_up_to_1_min() {
    String policy = toml.substring(toml.indexOf("[default-retry-policy]"), toml.indexOf("[admin]"));

    assertThat(policy.lines()).as("[default-retry-policy]")
        .containsExactly("[default-retry-policy]", "initial-interval = \"100ms\"", "exponentiation-factor = 2.0",
            "max-interval = \"1000ms\"", "max-attempts = 3600", "on-max-attempts = \"pause\"", "");
  }

  @Test
  void quotes_and_backslashes_in_paths_are_escaped() {
    assertThat(ServerConfig.quoted("/tmp/a \"b\"\\c")).as("quoted path").isEqualTo("\"/tmp/a \\\"b\\\"\\\\c\"");
  }
}
