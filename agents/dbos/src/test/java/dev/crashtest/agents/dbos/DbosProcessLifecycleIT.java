package dev.crashtest.agents.dbos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crashtest.agents.dbos.internal.PlatformAddress;
import dev.crashtest.agents.dbos.internal.PostgresProbe;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The platform and the agent as real processes: start, refuse a bad command line, stop, die, keep data. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DbosProcessLifecycleIT {
  static final Duration START_WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private JavaProcess platform;

  @AfterEach
  void stopPlatform() throws Exception {
    if (platform != null) {
      platform.close();
    }
    assertThat(PostgresLeftovers.runningOn(dir.resolve("state"))).as("postgres processes left").isEmpty();
  }

  @Test
  void platform_keeps_its_data_across_a_sigterm_and_a_restart() throws Exception {
    int port = JavaProcess.freePort();
    platform = startPlatform(port, "platform-1.log");
    try (Connection connection = PostgresProbe.connect(new PlatformAddress("127.0.0.1", port), "crashtest");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)");
    }

    platform.process().destroy();

    assertThat(platform.awaitExit(Duration.ofSeconds(30))).as("exit status after SIGTERM").isEqualTo(0);
    assertThat(PostgresLeftovers.runningOn(dir.resolve("state"))).as("postgres after SIGTERM").isEmpty();
    platform = startPlatform(port, "platform-2.log");
    try (Connection connection = PostgresProbe.connect(new PlatformAddress("127.0.0.1", port), "crashtest");
        Statement statement = connection.createStatement();
        ResultSet kept = statement.executeQuery("SELECT id FROM kept")) {
      assertThat(kept.next()).as("row written before the restart").isTrue();
      assertThat(kept.getInt(1)).as("its value").isEqualTo(42);
    }
    assertThat(platform.log().lines().filter(line -> !line.startsWith("Picked up")))
        .as("standard output of the platform").containsExactly(PostgresPlatformMain.READY);
  }

  @Test
  void postgres_dies_with_the_platform_when_only_the_platform_jvm_is_killed() throws Exception {
    platform = startPlatform(JavaProcess.freePort(), "platform.log");
    assertThat(PostgresLeftovers.runningOn(dir.resolve("state"))).as("postgres while the platform runs").isNotEmpty();

    platform.process().destroyForcibly(); // kill -9 of the JVM alone, not of its descendants

    await("postgres gone after kill -9 of its platform").atMost(Duration.ofSeconds(10))
        .until(() -> PostgresLeftovers.runningOn(dir.resolve("state")).isEmpty());
  }

  @Test
  void platform_with_a_bad_option_exits_2_with_one_line() throws Exception {
    try (JavaProcess bad = JavaProcess.start("dev.crashtest.agents.dbos.PostgresPlatformMain",
        List.of("--port", "41010"), Map.of(), dir.resolve("bad-platform.log"))) {
      assertThat(bad.awaitExit(Duration.ofSeconds(30))).as("exit status").isEqualTo(2);
      assertThat(bad.log().lines().filter(line -> !line.startsWith("Picked up"))).as("output")
          .containsExactly("postgres-platform: options [--port] (1-65535) and [--state-dir] are required; usage: "
              + "--port <port> --admin-port <port> --state-dir <directory> (for example: --port 41010 "
              + "--admin-port 41011 --state-dir /tmp/crashtest-pg)");
    }
  }

  @Test
  void agent_without_a_platform_address_exits_2_with_one_line() throws Exception {
    Map<String, String> env = Map.of(
        "HARNESS_MODEL_BASE_URL", "http://127.0.0.1:1/v1",
        "HARNESS_MODEL_API_KEY", "key",
        "HARNESS_CRM_BASE_URL", "http://127.0.0.1:1",
        "HARNESS_IDP_ISSUER", "http://127.0.0.1:1/default",
        "HARNESS_AGENT_CLIENT_ID", "dbos-agent",
        "HARNESS_AGENT_CLIENT_SECRET_FILE", dir.resolve("secret").toString(),
        "HARNESS_AGENT_PORT", Integer.toString(JavaProcess.freePort()),
        "HARNESS_STATE_DIR", dir.toString());
    try (JavaProcess agent = JavaProcess.start("dev.crashtest.agents.ProcurementAgentMain",
        List.of("--runtime", "dbos"), env, dir.resolve("agent.log"))) {
      assertThat(agent.awaitExit(Duration.ofSeconds(30))).as("exit status").isEqualTo(2);
      assertThat(agent.log().lines().filter(line -> !line.startsWith("Picked up"))).as("output")
          .containsExactly("procurement-agent: cannot start: missing environment variable "
              + "[CRASHTEST_PLATFORM_ADDRESS]: the runtime [dbos] needs PostgreSQL's host:port (for example: "
              + "CRASHTEST_PLATFORM_ADDRESS=127.0.0.1:41010; start one with dev.crashtest.agents.dbos."
              + "PostgresPlatformMain --port 41010 --admin-port 0 --state-dir /tmp/pg)");
    }
  }

  private JavaProcess startPlatform(int port, String log) throws Exception {
    JavaProcess started = JavaProcess.start("dev.crashtest.agents.dbos.PostgresPlatformMain",
        List.of("--port", Integer.toString(port), "--admin-port", "0", "--state-dir", dir.resolve("state").toString()),
        Map.of(), dir.resolve(log));
    started.awaitOutput(PostgresPlatformMain.READY, START_WAIT);
    return started;
  }
}
