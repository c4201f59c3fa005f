package dev.crashtest.agents.restate.internal;

import dev.crashtest.agents.TaskWorkflow;
import dev.restate.sdk.endpoint.Endpoint;
import dev.restate.sdk.http.vertx.RestateHttpServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The agent's Restate endpoint: the {@link ProcurementWorkflow} served over HTTP/2 on {@code 127.0.0.1}. Its port is
 * chosen free at the first start and kept in {@code $HARNESS_STATE_DIR/restate-endpoint-port}: Restate pins a running
 * invocation to the deployment (the URI) it started on, so a restarted agent must come back at the same URI.
 *
 * <pre>{@code
 * EndpointServer endpoint = EndpointServer.start(agentLogic, stateDir);
 * restate.register(endpoint.uri());
 * }</pre>
 */
public final class EndpointServer implements AutoCloseable {
  static final String PORT_FILE = "restate-endpoint-port";

  private final Vertx vertx;
  private final HttpServer server;

  private EndpointServer(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  /**
   * Serves the workflow on the port kept in {@code stateDir} (or a new free one).
   *
   * @throws IOException when the kept port is taken, naming the file and the fix
   */
  public static EndpointServer start(TaskWorkflow logic, Path stateDir) throws IOException {
    Path portFile = stateDir.resolve(PORT_FILE);
    int port = keptPort(portFile);
    Vertx vertx = Vertx.vertx();
    HttpServerOptions options = new HttpServerOptions()
        .setHost("127.0.0.1")
        .setPort(port)
        .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(Integer.MAX_VALUE));
    HttpServer server = RestateHttpServer.fromEndpoint(vertx, Endpoint.bind(new ProcurementWorkflow(logic)).build(),
        options);
    try {
      server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      vertx.close();
      throw new IOException("cannot serve the Restate endpoint on 127.0.0.1:" + port + " (" + e.getMessage()
          + "); the port is kept in [" + portFile + "] so running workflows find the agent again: stop whatever"
          + " holds it", e);
    } catch (InterruptedException e) {
      vertx.close();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting the Restate endpoint", e);
    }
    return new EndpointServer(vertx, server);
  }

  private static int keptPort(Path portFile) throws IOException {
    if (Files.exists(portFile)) {
      return Integer.parseInt(Files.readString(portFile).trim());
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Files.createDirectories(portFile.getParent());
    Files.writeString(portFile, port + "\n");
    return port;
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.actualPort());
  }

  @Override
  public void close() {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // stopping anyway: the vert.x instance below closes every socket
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      vertx.close();
    }
  }
}
