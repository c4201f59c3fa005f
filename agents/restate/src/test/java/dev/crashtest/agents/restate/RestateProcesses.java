package dev.crashtest.agents.restate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crashtest.agent.AgentProcess;
import dev.crashtest.agent.AgentSpec;
import dev.crashtest.agents.restate.internal.ServerBinary;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Starts the module's two processes the way the harness does: the platform ({@link RestatePlatformMain}) and the
 * agent ({@code ProcurementAgentMain --runtime restate}), each on the module's own class path
 * ({@code target/classes} plus {@code target/runtime-classpath.txt}).
 */
final class RestateProcesses {
  static final Duration PLATFORM_START = Duration.ofSeconds(60);
  static final Duration AGENT_START = Duration.ofSeconds(60);

  private RestateProcesses() {}

  /** The module's runtime class path, as the harness reads it. */
  static List<Path> classpath() throws IOException {
    Path file = Path.of("target", "runtime-classpath.txt");
    assertThat(file).as("runtime class path written at prepare-package (run mvn verify, not test)").exists();
    List<Path> entries = new ArrayList<>(List.of(Path.of("target", "classes").toAbsolutePath()));
    for (String entry : Files.readString(file, StandardCharsets.UTF_8).trim().split(java.io.File.pathSeparator)) {
      entries.add(Path.of(entry));
    }
    return entries;
  }

  /**
   * Makes sure the server binary is installed: runs {@code ci/install-restate.sh} when it is missing, and aborts
   * the test loudly when npm is not there to install it.
   */
  static void ensureServerBinary() throws IOException, InterruptedException {
    if (Files.isExecutable(ServerBinary.defaultPath(System.getenv())) || System.getenv(ServerBinary.VARIABLE) != null) {
      return;
    }
    if (!onPath("npm")) {
      String message = "\n\n*** SKIPPED: the Restate server is not installed and npm is not on the PATH;"
          + " install Node.js and run ci/install-restate.sh to run the Restate process tests ***\n";
      System.err.println(message);
      Assumptions.abort(message);
    }
    Path script = Path.of("..", "..", "ci", "install-restate.sh").toAbsolutePath().normalize();
    Process install = new ProcessBuilder(script.toString()).inheritIO().start();
    assertThat(install.waitFor(5, TimeUnit.MINUTES)).as("[%s] finished within 5 minutes", script).isTrue();
    assertThat(install.exitValue()).as("exit status of [%s]", script).isZero();
  }

  private static boolean onPath(String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Starts the platform and waits for its ready line. */
  static AgentProcess startPlatform(int ingressPort, int adminPort, Path stateDir, Path log) throws IOException {
    AgentSpec spec = AgentSpec.javaMain("restate-platform", classpath(), RestatePlatformMain.class.getName(),
        "--port", Integer.toString(ingressPort), "--admin-port", Integer.toString(adminPort),
        "--state-dir", stateDir.toString());
    return AgentProcess.start(spec, Map.of(), adminPort, log).awaitOutput(RestatePlatformMain.READY, PLATFORM_START);
  }

  /** Starts the agent on the restate runtime and waits until its control API is healthy. */
  static AgentProcess startAgent(Map<String, String> environment, int port, Path log) throws IOException {
    AgentSpec spec = AgentSpec.javaMain("restate-agent", classpath(), "dev.crashtest.agents.ProcurementAgentMain",
        "--runtime", "restate");
    return AgentProcess.start(spec, environment, port, log).awaitHealthy(AGENT_START);
  }

  static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** Fails when a restate-server configured under {@code stateDir} is still running. */
  static void assertNoServerLeft(Path stateDir) {
    String config = stateDir.toAbsolutePath().resolve("restate.toml").toString();
    await("restate-server processes of [" + stateDir + "] to be gone").atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(ProcessHandle.allProcesses()
            .filter(ProcessHandle::isAlive)
            .map(process -> process.info().commandLine().orElse(""))
            .filter(command -> command.contains("restate-server") && command.contains(config)))
            .as("restate-server processes left running for [%s]", config)
            .isEmpty());
  }
}
