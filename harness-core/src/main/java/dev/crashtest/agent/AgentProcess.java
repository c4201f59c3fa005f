package dev.crashtest.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real agent process: started with the contract's environment, its output appended to a log file, and
 * killed, stopped, frozen and restarted with real signals.
 *
 * <pre>{@code
 * try (AgentProcess agent = AgentProcess.start(spec, env, port, logFile)) {
 *   agent.awaitHealthy(Duration.ofSeconds(30));
 *   agent.kill();                 // SIGKILL
 *   agent.restart().awaitHealthy(Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class AgentProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).version(HttpClient.Version.HTTP_1_1).build();

  private final String label;
  private final Launch launch;
  private final int port;
  private final Path logFile;
  private volatile long launchOffset;

  private AgentProcess(String label, Launch launch, int port, Path logFile) {
    this.label = label;
    this.launch = launch;
    this.port = port;
    this.logFile = logFile;
  }

  /**
   * Starts the agent; its output goes to {@code logFile}, and {@code port} reaches it as {@code HARNESS_AGENT_PORT},
   * the port of its control API. An agent with an image ({@link AgentSpec#image}) runs as a container on the host's
   * network with the log file's directory mounted; any other as a child process. Does not wait for it to be healthy.
   */
  public static AgentProcess start(AgentSpec spec, Map<String, String> agentEnvironment, int port, Path logFile) {
    Map<String, String> environment = new LinkedHashMap<>(agentEnvironment);
    environment.put("HARNESS_AGENT_PORT", String.valueOf(port));
    Launch launch = spec.image()
        .<Launch>map(image -> new ContainerLaunch(spec.toString(), image, spec.command(), environment,
            logFile.toAbsolutePath().getParent()))
        .orElseGet(() -> new ProcessLaunch(spec.toString(), spec.command(), environment));
    AgentProcess agent = new AgentProcess(spec.toString(), launch, port, logFile);
    agent.launch();
    return agent;
  }

  /**
   * Starts a durable-execution platform server on {@code port} (and {@code adminPort}) with its state in
   * {@code stateDirectory}; wait for it with {@code awaitOutput(PlatformSpec.READY_LINE, ...)}. Errors name it as the
   * platform it is, not as an agent.
   */
  public static AgentProcess startPlatform(PlatformSpec platform, int port, int adminPort, Path stateDirectory,
      Path logFile) {
    List<String> command = platform.command(port, adminPort, stateDirectory);
    Launch launch = platform.image()
        .<Launch>map(image -> new ContainerLaunch(platform.toString(), image, command, Map.of(),
            logFile.toAbsolutePath().getParent()))
        .orElseGet(() -> new ProcessLaunch(platform.toString(), command, Map.of()));
    AgentProcess process = new AgentProcess(platform.toString(), launch, port, logFile);
    process.launch();
    return process;
  }

  private void launch() {
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      launchOffset = Files.exists(logFile) ? Files.size(logFile) : 0;
    } catch (IOException e) {
      throw new AgentException(label + " could not prepare its log file [" + logFile + "]: " + e.getMessage(), e);
    }
    launch.start(logFile);
  }

  /** Waits until {@code GET /health} answers 200; fails fast, with the log's last lines, if the process dies. */
  public AgentProcess awaitHealthy(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    URI health = controlUrl().resolve("/health");
    String lastAnswer = null;
    while (System.nanoTime() < deadline) {
      if (!launch.isAlive()) {
        throw new AgentException(
            label + " exited with code " + launch.exitCode() + " before it became healthy; last lines of "
                + logFile + ":\n" + logTail(20));
      }
      HttpResponse<String> answer = askHealth(health);
      if (answer != null && answer.statusCode() == 200) {
        return this;
      }
      lastAnswer = answer == null ? lastAnswer : healthAnswer(answer);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(25));
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new AgentException("interrupted while waiting for " + label + " to become healthy");
      }
    }
    throw new AgentException(
        label + " did not answer 200 on " + health + " within " + timeout.toMillis() + " ms"
            + (lastAnswer == null ? " (it never answered)" : "; " + lastAnswer) + "; last lines of " + logFile
            + ":\n" + logTail(20));
  }

  /**
   * What the agent last said on /health. The contract allows only 503 (or a refused connection) before 200, so
   * any other status is named as the likely cause, with the body.
   */
  private static String healthAnswer(HttpResponse<String> answer) {
    String body = answer.body() == null ? "" : answer.body().strip().replaceAll("\\s+", " ");
    body = body.length() <= 120 ? body : body.substring(0, 120) + "…";
    String said = "it last answered " + answer.statusCode() + " on /health" + (body.isEmpty() ? "" : " [" + body + "]");
    return answer.statusCode() == 503 ? said + " (not ready yet)"
        : said + ", which the contract does not allow (docs/agent-contract.md, section 2: 200 once ready, 503 or a"
            + " refused connection before)";
  }

  /** The answer to {@code GET /health}, or null when none came (refused, reset, timed out). */
  private HttpResponse<String> askHealth(URI health) {
    try {
      HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(1)).GET().build();
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentException("interrupted while waiting for " + label + " to become healthy", e);
    }
  }

  /**
   * Waits until this incarnation of the process printed {@code line}; fails fast, with the log's last lines, if
   * it dies first. For processes without an HTTP health check, such as a platform server.
   */
  public AgentProcess awaitOutput(String line, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (printedSinceLaunch(line)) {
        return this;
      }
      if (!launch.isAlive()) {
        throw new AgentException(label + " exited with code " + launch.exitCode() + " before it printed [" + line
            + "]; last lines of " + logFile + ":\n" + logTail(20));
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(25));
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new AgentException("interrupted while waiting for " + label + " to print [" + line + "]");
      }
    }
    throw new AgentException(label + " did not print [" + line + "] within " + timeout.toMillis() + " ms; last lines of "
        + logFile + ":\n" + logTail(20));
  }

  private boolean printedSinceLaunch(String line) {
    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(logFile.toFile(), "r")) {
      if (file.length() <= launchOffset) {
        return false;
      }
      file.seek(launchOffset);
      byte[] bytes = new byte[(int) Math.min(file.length() - launchOffset, 1 << 20)];
      file.readFully(bytes);
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8).contains(line);
    } catch (IOException e) {
      return false;
    }
  }

  /** SIGKILL, then waits until the process is gone. */
  public void kill() {
    launch.kill();
  }

  /** SIGTERM; after {@code grace} without exiting, SIGKILL. */
  public void terminate(Duration grace) {
    launch.terminate(grace);
  }

  /** SIGSTOP (a container: {@code docker pause}): the process freezes, its sockets stay open. */
  public void pause() {
    launch.pause();
  }

  /** SIGCONT: a paused process carries on. */
  public void resume() {
    launch.resume();
  }

  /**
   * Starts the same command again, same environment, port and state directory (a container: the same container
   * again). The old process must be gone.
   */
  public AgentProcess restart() {
    if (launch.isAlive()) {
      throw new IllegalStateException(label + " is still running (pid " + launch.pid() + "); kill it before restart()");
    }
    launch();
    return this;
  }

  public boolean isAlive() {
    return launch.isAlive();
  }

  public long pid() {
    return launch.pid();
  }

  public int port() {
    return port;
  }

  public Path logFile() {
    return logFile;
  }

  /** {@code http://127.0.0.1:<port>}, where the agent serves its control API. */
  public URI controlUrl() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The last {@code lines} lines of the agent's log, for error messages. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /** Stops the agent: SIGTERM, then SIGKILL after 3 s; a container is removed. Harmless when it is already gone. */
  @Override
  public void close() {
    launch.close();
  }
}
