package dev.crashtest.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.agents.testing.AgentProcess;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both agents as real processes: start, refuse a bad command line, stop on SIGTERM. */
class AgentLifecycleIT {
  @TempDir Path dir;

  @Test
  void java_agent_with_an_unknown_runtime_exits_2_with_one_line() throws Exception {
    try (AgentProcess agent = AgentProcess.java(List.of("--runtime", "bogus"), Map.of(), dir)) {
      assertThat(agent.awaitExit(Duration.ofSeconds(30))).as("exit status").isEqualTo(2);
      assertThat(agent.log().lines().filter(line -> !line.startsWith("Picked up"))).as("output")
          .containsExactly("procurement-agent: unknown runtime [bogus]; known runtimes: naive "
              + "(for example: --runtime naive)");
    }
  }

  @Test
  void java_agent_stops_on_sigterm_with_exit_status_0() throws Exception {
    Map<String, String> env = environment();
    try (AgentProcess agent = AgentProcess.java(List.of("--runtime", "naive"), env, dir)) {
      agent.awaitHealthy(Duration.ofSeconds(30));

      agent.process().destroy();

      assertThat(agent.awaitExit(Duration.ofSeconds(15))).as("exit status after SIGTERM").isEqualTo(0);
      assertThat(agent.log()).as("log").contains("procurement-agent stopped");
      assertPortClosed(agent);
    }
  }

  @Test
  void python_agent_without_environment_exits_2_naming_the_variable() throws Exception {
    try (AgentProcess agent = AgentProcess.python(Map.of(), dir)) {
      assertThat(agent.awaitExit(Duration.ofSeconds(30))).as("exit status").isEqualTo(2);
      assertThat(agent.log().strip()).as("output").isEqualTo("procurement_agent.py: missing environment variable "
          + "[HARNESS_MODEL_BASE_URL]; see docs/agent-contract.md, section 1");
    }
  }

  @Test
  void python_agent_stops_on_sigterm_with_exit_status_0() throws Exception {
    try (AgentProcess agent = AgentProcess.python(environment(), dir)) {
      agent.awaitHealthy(Duration.ofSeconds(30));

      agent.process().destroy();

      assertThat(agent.awaitExit(Duration.ofSeconds(15))).as("exit status after SIGTERM").isEqualTo(0);
      assertPortClosed(agent);
    }
  }

  private Map<String, String> environment() throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("HARNESS_MODEL_BASE_URL", "http://127.0.0.1:9/v1");
    env.put("HARNESS_MODEL_API_KEY", "unused");
    env.put("HARNESS_CRM_BASE_URL", "http://127.0.0.1:9");
    env.put("HARNESS_IDP_ISSUER", "http://127.0.0.1:9/crashtest");
    env.put("HARNESS_AGENT_CLIENT_ID", "procurement-agent");
    env.put("HARNESS_AGENT_CLIENT_SECRET_FILE", dir.resolve("secret").toString());
    env.put("HARNESS_AGENT_PORT", Integer.toString(AgentProcess.freePort()));
    env.put("HARNESS_STATE_DIR", dir.toString());
    return env;
  }

  private static void assertPortClosed(AgentProcess agent) {
    assertThatThrownBy(() -> HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(agent.baseUrl().resolve("/health")).build(), HttpResponse.BodyHandlers.ofString()))
        .as("GET /health after the stop")
        .isInstanceOf(ConnectException.class);
  }
}
