package dev.crashtest.agents.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.crashtest.agents.ApprovalResult;
import dev.crashtest.agents.TaskRequest;
import dev.crashtest.agents.TaskRuntime;
import dev.crashtest.agents.TaskSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The control API of the contract (section 2) on {@code 127.0.0.1}, over any {@link TaskRuntime}.
 *
 * <pre>{@code
 * try (ControlServer server = ControlServer.start(runtime, 41000)) {
 *   // GET http://127.0.0.1:41000/health -> 200
 * }
 * }</pre>
 */
public final class ControlServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads;
  private final TaskRuntime runtime;

  private ControlServer(HttpServer server, ExecutorService threads, TaskRuntime runtime) {
    this.server = server;
    this.threads = threads;
    this.runtime = runtime;
  }

  /** Binds {@code 127.0.0.1:port} (0 = any free port) and starts serving. */
  public static ControlServer start(TaskRuntime runtime, int port) throws IOException {
    return reserve(port).serve(runtime);
  }

  /**
   * Binds {@code 127.0.0.1:port} without serving yet. An agent reserves its control port before it opens any other
   * socket: a port its runtime takes from the ephemeral range (Restate's endpoint, a client connection) can be the
   * very port the harness chose and has not yet seen bound.
   */
  public static Reserved reserve(int port) throws IOException {
    return new Reserved(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50));
  }

  /** A bound control port, not serving yet; {@link #serve} serves it, {@link #close} frees it. */
  public static final class Reserved implements AutoCloseable {
    private final HttpServer server;

    private Reserved(HttpServer server) {
      this.server = server;
    }

    /** Starts serving the control API over {@code runtime}. */
    public ControlServer serve(TaskRuntime runtime) {
      ExecutorService threads = Executors.newFixedThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "control-api");
        thread.setDaemon(true);
        return thread;
      });
      ControlServer control = new ControlServer(server, threads, runtime);
      server.createContext("/", control::handle);
      server.setExecutor(threads);
      server.start();
      return control;
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      List<String> path = List.of(exchange.getRequestURI().getPath().replaceAll("^/+|/+$", "").split("/+"));
      try {
        route(exchange, method, path);
      } catch (Problem e) {
        send(exchange, e.status, error(e.getMessage()));
      } catch (RuntimeException e) {
        send(exchange, 500, error("internal error: " + e));
      }
    }
  }

  private void route(HttpExchange exchange, String method, List<String> path) throws IOException, Problem {
    if (path.equals(List.of("health"))) {
      expect(method, "GET");
      send(exchange, 200, Json.object().put("status", "UP").put("runtime", runtime.name()));
    } else if (path.equals(List.of("tasks"))) {
      expect(method, "POST");
      submit(exchange);
    } else if (path.size() == 2 && path.get(0).equals("tasks")) {
      expect(method, "GET");
      runtime.find(path.get(1)).ifPresentOrElse(
          task -> sendUnchecked(exchange, 200, snapshot(task)),
          () -> sendUnchecked(exchange, 404, error("unknown task")));
    } else if (path.size() == 3 && path.get(0).equals("tasks") && path.get(2).equals("approve")) {
      expect(method, "POST");
      approve(exchange, path.get(1));
    } else {
      send(exchange, 404, error("no such endpoint [" + method + " " + exchange.getRequestURI().getPath() + "]"));
    }
  }

  private void submit(HttpExchange exchange) throws IOException, Problem {
    JsonNode body = readObject(exchange);
    String taskId = requiredText(body, "taskId");
    String goal = requiredText(body, "goal");
    String userToken = requiredText(body, "userToken");
    TaskSnapshot task = runtime.submit(new TaskRequest(taskId, goal, userToken));
    send(exchange, 202, Json.object().put("taskId", task.taskId()).put("status", task.status().name()));
  }

  private void approve(HttpExchange exchange, String taskId) throws IOException, Problem {
    JsonNode body = readObject(exchange);
    String approver = body.path("approver").asText("");
    ApprovalResult result = runtime.approve(taskId, approver.isEmpty() ? "unknown" : approver);
    switch (result.outcome()) {
      case APPROVED -> send(exchange, 202,
          Json.object().put("taskId", taskId).put("status", result.task().status().name()));
      case UNKNOWN_TASK -> send(exchange, 404, error("unknown task"));
      case NOT_AWAITING_APPROVAL -> send(exchange, 409, error("task is not awaiting approval"));
    }
  }

  static ObjectNode snapshot(TaskSnapshot task) {
    ObjectNode node = Json.object().put("taskId", task.taskId()).put("status", task.status().name());
    if (task.result() != null) {
      node.put("result", task.result());
    }
    if (task.error() != null) {
      node.put("error", task.error());
    }
    return node;
  }

  private static JsonNode readObject(HttpExchange exchange) throws IOException, Problem {
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (body.isBlank()) {
      return Json.object();
    }
    try {
      JsonNode node = Json.parse(body);
      if (!node.isObject()) {
        throw new Problem(400, "the body must be a JSON object");
      }
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new Problem(400, "malformed JSON: " + e.getOriginalMessage());
    }
  }

  private static String requiredText(JsonNode body, String field) throws Problem {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new Problem(400, "missing field [" + field + "]");
    }
    return value.asText();
  }

  private static void expect(String method, String allowed) throws Problem {
    if (!method.equals(allowed)) {
      throw new Problem(405, "method [" + method + "] not allowed here; use " + allowed);
    }
  }

  private static ObjectNode error(String message) {
    return Json.object().put("error", message);
  }

  private static void sendUnchecked(HttpExchange exchange, int status, JsonNode body) {
    try {
      send(exchange, status, body);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** An answer other than success, with the status to send. */
  private static final class Problem extends Exception {
    private final int status;

    Problem(int status, String message) {
      super(message);
      this.status = status;
    }
  }
}
