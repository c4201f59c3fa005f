package dev.crashtest.agents.restate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PlatformOptionsTest {

  @Test
  void parses_ports_and_state_dir_in_any_order() {
    PlatformOptions options = PlatformOptions.parse(
        new String[] {"--state-dir", "/tmp/r", "--admin-port", "9070", "--port", "8080"});

    assertThat(options).as("parsed options").isEqualTo(new PlatformOptions(8080, 9070, Path.of("/tmp/r")));
  }

  @Test
  void missing_option_names_it_and_gives_the_usage() {
    assertThatThrownBy(() -> PlatformOptions.parse(new String[] {"--port", "8080", "--state-dir", "/tmp/r"}))
        .as("no --admin-port")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("missing option [--admin-port]; usage: --port <ingress port> --admin-port <admin port>"
            + " --state-dir <directory>");
  }

  @Test
  void a_port_that_is_not_a_number_is_refused_with_its_value() {
    assertThatThrownBy(() -> PlatformOptions.parse(new String[] {"--port", "http"}))
        .as("--port http")
        .hasMessage("option [--port] value [http] is not a TCP port (1-65535)");
  }

  @Test
  void unknown_argument_is_refused_with_the_usage() {
    assertThatThrownBy(() -> PlatformOptions.parse(new String[] {"--ingress", "8080"}))
        .as("--ingress")
        .hasMessageStartingWith("unknown argument [--ingress]; usage: --port");
  }

  @Test
  void the_same_port_twice_is_refused() {
    assertThatThrownBy(() -> PlatformOptions.parse(
        new String[] {"--port", "8080", "--admin-port", "8080", "--state-dir", "/tmp/r"}))
        .as("ingress and admin on one port")
        .hasMessage("[--port] and [--admin-port] are both 8080; give two different ports");
  }
}
