package dev.crashtest.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PlatformOptionsTest {
  private static final String USAGE = "usage: --port <port> --admin-port <port> --state-dir <dir>";

  @Test
  void the_three_options_the_harness_passes_are_read_in_any_order() {
    PlatformOptions options = PlatformOptions.parse(
        new String[] {"--state-dir", "/tmp/p", "--admin-port", "0", "--port", "7233"}, USAGE);

    assertThat(options.port(PlatformOptions.PORT, 1)).as("--port").isEqualTo(OptionalInt.of(7233));
    assertThat(options.port(PlatformOptions.ADMIN_PORT, 0)).as("--admin-port").isEqualTo(OptionalInt.of(0));
    assertThat(options.stateDir()).as("--state-dir").contains(Path.of("/tmp/p"));
  }

  @Test
  void options_not_given_are_empty_and_the_platform_decides_whether_it_needs_them() {
    PlatformOptions options = PlatformOptions.parse(new String[] {"--port", "7233"}, USAGE);

    assertThat(options.port(PlatformOptions.ADMIN_PORT, 1)).as("--admin-port").isEmpty();
    assertThat(options.stateDir()).as("--state-dir").isEmpty();
    assertThat(options.value(PlatformOptions.PORT)).as("--port as given").contains("7233");
  }

  @Test
  void an_unknown_argument_or_an_option_without_a_value_is_refused_with_the_usage() {
    assertThatThrownBy(() -> PlatformOptions.parse(new String[] {"--data", "/tmp/p"}, USAGE)).as("unknown")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown argument [--data]; usage: --port <port> --admin-port <port> --state-dir <dir>");
    assertThatThrownBy(() -> PlatformOptions.parse(new String[] {"--port"}, USAGE)).as("no value")
        .hasMessage("option [--port] needs a value; usage: --port <port> --admin-port <port> --state-dir <dir>");
  }

  @Test
  void a_port_that_is_not_a_number_or_out_of_range_is_refused_with_its_value_and_the_range() {
    PlatformOptions options = PlatformOptions.parse(new String[] {"--port", "http", "--admin-port", "0"}, USAGE);

    assertThatThrownBy(() -> options.port(PlatformOptions.PORT, 0)).as("--port http")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("option [--port] value [http] is not a TCP port (0-65535)");
    assertThatThrownBy(() -> options.port(PlatformOptions.ADMIN_PORT, 1)).as("--admin-port 0 where 1 is lowest")
        .hasMessage("option [--admin-port] value [0] is not a TCP port (1-65535)");
  }
}
