package dev.crashtest.agents.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An agent started as a real process with the contract's environment, its output in a log file. Always
 * {@link #close()} it (it kills the process if still alive); {@link #log()} shows what it printed.
 *
 * <pre>{@code
 * try (AgentProcess agent = AgentProcess.java(List.of("--runtime", "naive"), env, logDir)) {
 *   agent.awaitHealthy(Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class AgentProcess implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final int port;

  private AgentProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** The Java agent, on this JVM's test class path. */
  public static AgentProcess java(List<String> args, Map<String, String> env, Path logDir) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "dev.crashtest.agents.ProcurementAgentMain"));
    command.addAll(args);
    return start(command, env, logDir.resolve("java-agent.log"));
  }

  /** The Python agent of {@code agents/python}. */
  public static AgentProcess python(Map<String, String> env, Path logDir) throws IOException {
    Path script = Path.of("..", "python", "procurement_agent.py").toAbsolutePath();
    return start(List.of("python3", script.toString()), env, logDir.resolve("python-agent.log"));
  }

  private static AgentProcess start(List<String> command, Map<String, String> env, Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("HARNESS_") || name.startsWith("CRASHTEST_"));
    builder.environment().putAll(env);
    String port = env.getOrDefault("HARNESS_AGENT_PORT", "0");
    return new AgentProcess(builder.start(), log, Integer.parseInt(port));
  }

  /** A TCP port nobody listens on right now. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public Process process() {
    return process;
  }

  /** Waits until {@code GET /health} answers 200. */
  public void awaitHealthy(Duration atMost) {
    HttpClient http = HttpClient.newHttpClient();
    await("agent on port " + port + " answers GET /health with 200; its log:\n" + log())
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> {
          if (!process.isAlive()) {
            throw new AssertionError("the agent exited with status " + process.exitValue() + "; its log:\n" + log());
          }
          return http.send(HttpRequest.newBuilder(baseUrl().resolve("/health")).build(),
              HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        });
  }

  /** Everything the process printed so far. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** Waits for the process to end by itself and returns its exit status. */
  public int awaitExit(Duration atMost) throws InterruptedException {
    if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the agent did not exit within " + atMost + "; its log:\n" + log());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
