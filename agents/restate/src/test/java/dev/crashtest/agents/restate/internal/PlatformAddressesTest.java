package dev.crashtest.agents.restate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformAddressesTest {

  @Test
  void host_and_port_become_http_base_urls() {
    PlatformAddresses platform = PlatformAddresses.fromEnvironment(Map.of(
        "CRASHTEST_PLATFORM_ADDRESS", "127.0.0.1:41080", "CRASHTEST_PLATFORM_ADMIN_ADDRESS", "127.0.0.1:41070/"));

    assertThat(platform).as("addresses")
        .isEqualTo(new PlatformAddresses(URI.create("http://127.0.0.1:41080"), URI.create("http://127.0.0.1:41070")));
  }

  @Test
  void a_missing_admin_address_is_named_with_an_example() {
    assertThatThrownBy(() -> PlatformAddresses.fromEnvironment(Map.of("CRASHTEST_PLATFORM_ADDRESS", "127.0.0.1:1")))
        .as("no admin address")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("missing environment variable [CRASHTEST_PLATFORM_ADMIN_ADDRESS]; the restate runtime needs the"
            + " platform's address (for example: CRASHTEST_PLATFORM_ADMIN_ADDRESS=127.0.0.1:9070)");
  }

  @Test
  void an_address_without_a_port_is_refused() {
    assertThatThrownBy(() -> PlatformAddresses.fromEnvironment(Map.of(
        "CRASHTEST_PLATFORM_ADDRESS", "localhost", "CRASHTEST_PLATFORM_ADMIN_ADDRESS", "127.0.0.1:1")))
        .as("no port")
        .hasMessage("environment variable [CRASHTEST_PLATFORM_ADDRESS] value [localhost] is not host:port"
            + " (for example: CRASHTEST_PLATFORM_ADDRESS=127.0.0.1:8080)");
  }
}
