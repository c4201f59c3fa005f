package dev.crashtest.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
  private final List<String> command;
  private final Map<String, String> environment;
  private final int port;
  private final Path logFile;
  private volatile Process process;
  private volatile long launchOffset;

  private AgentProcess(String label, List<String> command, Map<String, String> environment, int port, Path logFile) {
    this.label = label;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.port = port;
    this.logFile = logFile;
  }

  /** Starts the agent; its output goes to {@code logFile}. Does not wait for it to be healthy. */
  public static AgentProcess start(AgentSpec spec, Map<String, String> environment, int port, Path logFile) {
    AgentProcess agent = new AgentProcess(spec.toString(), spec.command(), environment, port, logFile);
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
    AgentProcess process = new AgentProcess(platform.toString(), platform.command(port, adminPort, stateDirectory),
        Map.of(), port, logFile);
    process.launch();
    return process;
  }

  private void launch() {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      launchOffset = Files.exists(logFile) ? Files.size(logFile) : 0;
      process = builder.start();
      ProcessReaper.watch(process);
    } catch (IOException e) {
      throw new AgentException(
          label + " could not be started with command " + command + ": " + e.getMessage()
              + "; check that the command exists and is executable", e);
    }
  }

  /** Waits until {@code GET /health} answers 200; fails fast, with the log's last lines, if the process dies. */
  public AgentProcess awaitHealthy(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    URI health = controlUrl().resolve("/health");
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AgentException(
            label + " exited with code " + process.exitValue() + " before it became healthy; last lines of "
                + logFile + ":\n" + logTail(20));
      }
      if (answersHealthy(health)) {
        return this;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(25));
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new AgentException("interrupted while waiting for " + label + " to become healthy");
      }
    }
    throw new AgentException(
        label + " did not answer 200 on " + health + " within " + timeout.toMillis() + " ms; last lines of " + logFile
            + ":\n" + logTail(20));
  }

  private boolean answersHealthy(URI health) {
    try {
      HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(1)).GET().build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (ConnectException e) {
      return false;
    } catch (IOException e) {
      return false;
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
      if (!process.isAlive()) {
        throw new AgentException(label + " exited with code " + process.exitValue() + " before it printed [" + line
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
    Process current = process;
    current.descendants().forEach(ProcessHandle::destroyForcibly);
    current.destroyForcibly();
    awaitExit(current, Duration.ofSeconds(10));
  }

  /** SIGTERM; after {@code grace} without exiting, SIGKILL. */
  public void terminate(Duration grace) {
    Process current = process;
    current.destroy();
    try {
      if (!current.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }

  /** SIGSTOP: the process freezes, its sockets stay open. */
  public void pause() {
    signal("STOP");
  }

  /** SIGCONT: a paused process carries on. */
  public void resume() {
    signal("CONT");
  }

  /** Starts the same command again, same environment, port and state directory. The old process must be gone. */
  public AgentProcess restart() {
    if (process.isAlive()) {
      throw new IllegalStateException(label + " is still running (pid " + process.pid() + "); kill it before restart()");
    }
    launch();
    return this;
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new AgentException("could not send SIG" + name + " to " + label + " (pid " + process.pid() + ")");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentException("interrupted while signalling " + label, e);
    }
  }

  private static void awaitExit(Process process, Duration timeout) {
    try {
      process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
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

  /** Stops the agent: SIGTERM, then SIGKILL after 3 s. Harmless when it is already gone. */
  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      terminate(Duration.ofSeconds(3));
    }
  }
}
