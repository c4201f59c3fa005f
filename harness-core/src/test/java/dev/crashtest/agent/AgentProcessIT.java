package dev.crashtest.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.crashtest.internal.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives a tiny Python control-API server as the agent: what matters here is the process, not the agent. */
class AgentProcessIT {
  private static final String SERVER = String.join("\n",
      "import http.server, os",
      "class H(http.server.BaseHTTPRequestHandler):",
      "    def do_GET(self):",
      "        self.send_response(200); self.end_headers(); self.wfile.write(b'ok')",
      "    def log_message(self, *a): pass",
      "print('pid', os.getpid(), flush=True)",
      "http.server.HTTPServer(('127.0.0.1', int(os.environ['HARNESS_AGENT_PORT'])), H).serve_forever()");

  @TempDir Path dir;

  @Test
  void kill_pause_resume_and_restart_act_on_the_real_process() throws Exception {
    Files.writeString(dir.resolve("server.py"), SERVER);
    int port = Ports.freeLoopbackPort();
    AgentSpec spec = AgentSpec.command("tiny", List.of("python3", dir.resolve("server.py").toString()));
    try (AgentProcess agent = AgentProcess.start(spec, Map.of(), port, dir.resolve("a.log"))) {
      agent.awaitHealthy(Duration.ofSeconds(60));
      long firstPid = agent.pid();

      agent.pause();
      assertThatThrownBy(() -> health(port, Duration.ofMillis(300))).as("a paused agent does not answer")
          .isInstanceOf(java.net.http.HttpTimeoutException.class);
      agent.resume();
      assertThat(health(port, Duration.ofSeconds(5))).as("a resumed agent answers").isEqualTo(200);

      agent.kill();
      assertThat(agent.isAlive()).as("killed").isFalse();
      assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).as("pid gone").isFalse();

      agent.restart().awaitHealthy(Duration.ofSeconds(60));
      assertThat(agent.pid()).as("a new process").isNotEqualTo(firstPid);
      await("both incarnations logged").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(Files.readString(dir.resolve("a.log"))).contains("pid " + firstPid, "pid " + agent.pid()));
    }
  }

  @Test
  void agent_that_exits_at_once_fails_fast_with_its_log() throws Exception {
    int port = Ports.freeLoopbackPort();
    AgentSpec spec = AgentSpec.command("broken", List.of("python3", "-c", "print('no credentials file'); raise SystemExit(4)"));
    try (AgentProcess agent = AgentProcess.start(spec, Map.of(), port, dir.resolve("b.log"))) {
      assertThatThrownBy(() -> agent.awaitHealthy(Duration.ofSeconds(20)))
          .isInstanceOf(AgentException.class)
          .hasMessageStartingWith("agent [broken] exited with code 4 before it became healthy; last lines of ")
          .hasMessageEndingWith(":\nno credentials file");
    }
  }

  @Test
  void an_agent_answering_500_on_health_is_told_so_when_the_wait_times_out() throws Exception {
    Path script = Path.of(AgentProcessIT.class.getResource("/agents/broken_control_agent.py").toURI());
    int port = Ports.freeLoopbackPort();
    AgentSpec spec = AgentSpec.command("sick", List.of("python3", "-u", script.toString(), "health-500"));
    try (AgentProcess agent = AgentProcess.start(spec, Map.of(), port, dir.resolve("d.log"))) {
      assertThatThrownBy(() -> agent.awaitHealthy(Duration.ofSeconds(3)))
          .isInstanceOf(AgentException.class)
          .hasMessageStartingWith("agent [sick] did not answer 200 on http://127.0.0.1:" + port + "/health within"
              + " 3000 ms; it last answered 500 on /health [Internal Server Error: no database configured], which"
              + " the contract does not allow (docs/agent-contract.md, section 2: 200 once ready, 503 or a refused"
              + " connection before); last lines of ");
    }
  }

  @Test
  void unknown_command_says_which_command() {
    AgentSpec spec = AgentSpec.command("ghost", List.of("/no/such/agent"));
    assertThatThrownBy(() -> AgentProcess.start(spec, Map.of(), 1, dir.resolve("c.log")))
        .isInstanceOf(AgentException.class)
        .hasMessageStartingWith("agent [ghost] could not be started with command [/no/such/agent]: ");
  }

  private static int health(int port, Duration timeout) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(timeout).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
