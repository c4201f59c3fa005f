package dev.crashtest.agents.dbos.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformAddressTest {

  @Test
  void host_and_port_give_the_jdbc_url_of_the_crashtest_database() {
    PlatformAddress address = PlatformAddress.fromEnvironment(Map.of("CRASHTEST_PLATFORM_ADDRESS", "127.0.0.1:41010"));

    assertThat(address).as("address").isEqualTo(new PlatformAddress("127.0.0.1", 41010));
    assertThat(address.jdbcUrl()).as("JDBC URL")
        .isEqualTo("jdbc:postgresql://127.0.0.1:41010/crashtest?connectTimeout=5");
  }

  @Test
  void a_missing_address_is_refused_with_the_variable_and_how_to_start_the_platform() {
    assertThatThrownBy(() -> PlatformAddress.fromEnvironment(Map.of())).as("no CRASHTEST_PLATFORM_ADDRESS")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("missing environment variable [CRASHTEST_PLATFORM_ADDRESS]: the runtime [dbos] needs "
            + "PostgreSQL's host:port (for example: CRASHTEST_PLATFORM_ADDRESS=127.0.0.1:41010; start one with "
            + "dev.crashtest.agents.dbos.PostgresPlatformMain --port 41010 --admin-port 0 --state-dir /tmp/pg)");
  }

  @Test
  void an_address_without_a_port_is_refused_with_an_example() {
    assertThatThrownBy(() -> PlatformAddress.parse("127.0.0.1")).as("no port")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CRASHTEST_PLATFORM_ADDRESS [127.0.0.1] is not host:port "
            + "(for example: CRASHTEST_PLATFORM_ADDRESS=127.0.0.1:41010)");
    assertThatThrownBy(() -> PlatformAddress.parse("127.0.0.1:99999")).as("port out of range")
        .hasMessageStartingWith("CRASHTEST_PLATFORM_ADDRESS [127.0.0.1:99999] is not host:port");
  }
}
