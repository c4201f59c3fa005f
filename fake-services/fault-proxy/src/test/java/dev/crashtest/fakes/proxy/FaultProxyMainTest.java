package dev.crashtest.fakes.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FaultProxyMainTest {

  @Test
  void defaults_are_toxiproxy_port_on_loopback() {
    FaultProxyServer.Builder builder = FaultProxyMain.configure(new String[0]);

    assertThat(builder.host()).as("host").isEqualTo("127.0.0.1");
    assertThat(builder.port()).as("port").isEqualTo(8474);
  }

  @Test
  void toxiproxy_single_dash_flags_are_accepted() {
    FaultProxyServer.Builder builder = FaultProxyMain.configure(new String[] {"-host", "localhost", "-port", "0"});

    assertThat(builder.host()).as("host").isEqualTo("localhost");
    assertThat(builder.port()).as("port").isZero();
  }

  @Test
  void unknown_option_names_the_known_ones() {
    assertThatThrownBy(() -> FaultProxyMain.configure(new String[] {"-config", "x.json"}))
        .as("unknown option")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("proxy: unknown option [-config]; known options: --port, --host, --seed");
  }

  @Test
  void seed_that_is_not_a_number_is_refused() {
    assertThatThrownBy(() -> FaultProxyMain.configure(new String[] {"-seed", "abc"}))
        .as("bad seed")
        .hasMessage("proxy: --seed [abc] is not a whole number, e.g. -seed 42");
  }

  @Test
  void bad_port_is_refused() {
    assertThatThrownBy(() -> FaultProxyMain.configure(new String[] {"-port", "http"}))
        .as("bad port")
        .hasMessage("proxy: --port [http] is not a port number (0-65535)");
  }
}
