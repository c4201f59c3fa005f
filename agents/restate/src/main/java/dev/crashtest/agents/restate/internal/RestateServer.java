package dev.crashtest.agents.restate.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code restate-server} child process: configured by {@link ServerConfig}, run inside a {@link LoopbackJail},
 * its output appended to {@code <state dir>/restate-server.log}. The node-to-node port is chosen free once and kept
 * in {@code <state dir>/node-port}, because the node's address is part of the state a restart must find again.
 *
 * <pre>{@code
 * RestateServer server = RestateServer.start(binary, options);
 * server.awaitHealthy(Duration.ofSeconds(30));
 * }</pre>
 */
public final class RestateServer implements AutoCloseable {
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final Process process;
  private final PlatformOptions options;
  private final Path log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private RestateServer(Process process, PlatformOptions options, Path log) {
    this.process = process;
    this.options = options;
    this.log = log;
  }

  /** Writes the configuration and starts the server; returns at once (see {@link #awaitHealthy}). */
  public static RestateServer start(Path binary, PlatformOptions options) throws IOException {
    Path stateDir = Files.createDirectories(options.stateDir().toAbsolutePath());
    ServerConfig config = ServerConfig.builder(stateDir)
        .ingressPort(options.ingressPort())
        .adminPort(options.adminPort())
        .nodePort(nodePort(stateDir, options.ingressPort(), options.adminPort()))
        .build();
    Path configFile = Files.writeString(stateDir.resolve("restate.toml"), config.toToml());
    List<String> command = LoopbackJail.in(stateDir.resolve("jail"))
        .wrap(List.of(binary.toString(), "--config-file", configFile.toString(), "--no-logo"));
    Path log = stateDir.resolve("restate-server.log");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> env = builder.environment();
    // A proxy would resolve GitHub's name outside the jail: the server gets none.
    env.keySet().removeIf(name -> name.toLowerCase(java.util.Locale.ROOT).endsWith("_proxy"));
    return new RestateServer(builder.start(), options, log);
  }

  /**
   * The node's own port, kept in the state directory (the server records its address there) and never one of the
   * ports the harness picked for ingress and admin: those may not be bound yet, so the kernel could offer them.
   */
  static int nodePort(Path stateDir, int... taken) throws IOException {
    Path file = stateDir.resolve("node-port");
    if (Files.exists(file)) {
      return Integer.parseInt(Files.readString(file).trim());
    }
    int port;
    do {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = socket.getLocalPort();
      }
    } while (contains(taken, port));
    Files.writeString(file, port + "\n");
    return port;
  }

  private static boolean contains(int[] ports, int port) {
    for (int candidate : ports) {
      if (candidate == port) {
        return true;
      }
    }
    return false;
  }

  public Process process() {
    return process;
  }

  public Path log() {
    return log;
  }

  /**
   * Waits until the admin API's {@code /health} and the ingress's {@code /restate/health} answer 200.
   *
   * @throws IOException when the server exits first or is not healthy in time, with the log's last lines
   */
  public void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("restate-server exited with status " + process.exitValue() + " before it was healthy;"
            + " its log [" + log + "] ends with:\n" + tail(log, 20));
      }
      if (answers("http://127.0.0.1:" + options.adminPort() + "/health")
          && answers("http://127.0.0.1:" + options.ingressPort() + "/restate/health")) {
        return;
      }
      Thread.sleep(50); // polling a child process's port; nothing to wait on
    }
    throw new IOException("restate-server was not healthy within " + timeout.toSeconds() + " s on admin port "
        + options.adminPort() + "; its log [" + log + "] ends with:\n" + tail(log, 20));
  }

  private boolean answers(String url) throws InterruptedException {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1)).GET().build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read it: " + e.getMessage() + ")";
    }
  }

  /** Stops the server with SIGTERM, then SIGKILL after 10 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
