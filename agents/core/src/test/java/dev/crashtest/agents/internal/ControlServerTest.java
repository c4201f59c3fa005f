package dev.crashtest.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.agents.ApprovalResult;
import dev.crashtest.agents.TaskRequest;
import dev.crashtest.agents.TaskRuntime;
import dev.crashtest.agents.TaskSnapshot;
import dev.crashtest.agents.TaskStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ControlServerTest {
  private final StubRuntime runtime = new StubRuntime();
  private final HttpClient http = HttpClient.newHttpClient();
  private ControlServer server;

  @BeforeEach
  void start() throws Exception {
    server = ControlServer.start(runtime, 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void a_reserved_port_is_taken_at_once_so_no_ephemeral_port_of_the_runtime_can_be_it_and_serves_later()
      throws Exception {
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
      port = probe.getLocalPort();
    }
    try (ControlServer.Reserved mine = ControlServer.reserve(port)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> new java.net.ServerSocket(port, 50,
          java.net.InetAddress.getByName("127.0.0.1")).close()).as("binding the reserved port again")
          .isInstanceOf(java.net.BindException.class);
      try (ControlServer serving = mine.serve(runtime)) {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as("GET /health once served").isEqualTo(200);
      }
    }
  }

  @Test
  void health_answers_200() throws Exception {
    assertThat(call("GET", "/health", null).statusCode()).as("GET /health").isEqualTo(200);
  }

  @Test
  void submitted_task_is_accepted_with_its_status() throws Exception {
    HttpResponse<String> response = call("POST", "/tasks",
        "{\"taskId\":\"T-1\",\"goal\":\"Buy.\",\"userToken\":\"jwt\"}");

    assertThat(response.statusCode()).as("status").isEqualTo(202);
    assertThat(Json.parse(response.body())).as("body")
        .isEqualTo(Json.parse("{\"taskId\":\"T-1\",\"status\":\"RUNNING\"}"));
    assertThat(runtime.submitted).as("submissions").extracting(TaskRequest::taskId).containsExactly("T-1");
    assertThat(response.headers().firstValue("Content-Type")).as("content type").hasValue("application/json");
  }

  @Test
  void task_without_a_goal_is_refused_with_400_naming_the_field() throws Exception {
    HttpResponse<String> response = call("POST", "/tasks", "{\"taskId\":\"T-1\",\"userToken\":\"jwt\"}");

    assertThat(response.statusCode()).as("status").isEqualTo(400);
    assertThat(Json.parse(response.body())).as("body")
        .isEqualTo(Json.parse("{\"error\":\"missing field [goal]\"}"));
    assertThat(runtime.submitted).as("submissions").isEmpty();
  }

  @Test
  void malformed_json_is_refused_with_400() throws Exception {
    assertThat(call("POST", "/tasks", "{not json").statusCode()).as("status").isEqualTo(400);
  }

  @Test
  void known_task_is_reported_with_result_and_unknown_task_with_404() throws Exception {
    runtime.tasks.put("T-1", TaskSnapshot.completed("T-1", "Ordered."));

    HttpResponse<String> known = call("GET", "/tasks/T-1", null);
    HttpResponse<String> unknown = call("GET", "/tasks/T-2", null);

    assertThat(Json.parse(known.body())).as("known task")
        .isEqualTo(Json.parse("{\"taskId\":\"T-1\",\"status\":\"COMPLETED\",\"result\":\"Ordered.\"}"));
    assertThat(unknown.statusCode()).as("unknown task status").isEqualTo(404);
    assertThat(Json.parse(unknown.body())).as("unknown task body")
        .isEqualTo(Json.parse("{\"error\":\"unknown task\"}"));
  }

  @Test
  void failed_task_shows_its_error() throws Exception {
    runtime.tasks.put("T-1", TaskSnapshot.failed("T-1", "model failed"));

    assertThat(Json.parse(call("GET", "/tasks/T-1", null).body())).as("failed task")
        .isEqualTo(Json.parse("{\"taskId\":\"T-1\",\"status\":\"FAILED\",\"error\":\"model failed\"}"));
  }

  @Test
  void approval_answers_202_404_or_409_as_the_runtime_decides() throws Exception {
    runtime.tasks.put("T-1", TaskSnapshot.of("T-1", TaskStatus.AWAITING_APPROVAL));
    runtime.tasks.put("T-2", TaskSnapshot.of("T-2", TaskStatus.RUNNING));

    HttpResponse<String> approved = call("POST", "/tasks/T-1/approve", "{\"approver\":\"alice\"}");
    HttpResponse<String> running = call("POST", "/tasks/T-2/approve", "{\"approver\":\"alice\"}");
    HttpResponse<String> unknown = call("POST", "/tasks/T-3/approve", "{\"approver\":\"alice\"}");

    assertThat(approved.statusCode()).as("awaiting task").isEqualTo(202);
    assertThat(Json.parse(approved.body())).as("approved body")
        .isEqualTo(Json.parse("{\"taskId\":\"T-1\",\"status\":\"RUNNING\"}"));
    assertThat(runtime.approvers).as("approvers").containsExactly("alice");
    assertThat(running.statusCode()).as("running task").isEqualTo(409);
    assertThat(Json.parse(running.body())).as("409 body")
        .isEqualTo(Json.parse("{\"error\":\"task is not awaiting approval\"}"));
    assertThat(unknown.statusCode()).as("unknown task").isEqualTo(404);
  }

  @Test
  void wrong_method_is_refused_with_405() throws Exception {
    assertThat(call("DELETE", "/tasks/T-1", null).statusCode()).as("DELETE").isEqualTo(405);
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A runtime that only remembers what the control API asked of it. */
  static final class StubRuntime implements TaskRuntime {
    final Map<String, TaskSnapshot> tasks = new ConcurrentHashMap<>();
    final List<TaskRequest> submitted = new CopyOnWriteArrayList<>();
    final List<String> approvers = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
      return "stub";
    }

    @Override
    public TaskSnapshot submit(TaskRequest request) {
      submitted.add(request);
      return tasks.computeIfAbsent(request.taskId(), id -> TaskSnapshot.of(id, TaskStatus.RUNNING));
    }

    @Override
    public Optional<TaskSnapshot> find(String taskId) {
      return Optional.ofNullable(tasks.get(taskId));
    }

    @Override
    public ApprovalResult approve(String taskId, String approver) {
      TaskSnapshot task = tasks.get(taskId);
      if (task == null) {
        return ApprovalResult.unknownTask();
      }
      if (task.status() != TaskStatus.AWAITING_APPROVAL) {
        return ApprovalResult.notAwaitingApproval(task);
      }
      approvers.add(approver);
      TaskSnapshot running = TaskSnapshot.of(taskId, TaskStatus.RUNNING);
      tasks.put(taskId, running);
      return ApprovalResult.approved(running);
    }

    @Override
    public void close() {}
  }
}
