package dev.crashtest.agents.restate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The contract's control API as a client sees it: status code and JSON body. */
final class ControlApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI base;

  ControlApi(URI base) {
    this.base = base;
  }

  /** One answer: status and body. */
  record Answer(int status, JsonNode body) {
    String field(String name) {
      return body.path(name).asText(null);
    }
  }

  Answer submit(String taskId, String goal, String userToken) throws IOException, InterruptedException {
    return post("/tasks", Map.of("taskId", taskId, "goal", goal, "userToken", userToken));
  }

  Answer task(String taskId) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve("/tasks/" + taskId)).timeout(Duration.ofSeconds(15)).GET().build());
  }

  /** The task's status, or {@code unreachable}/{@code http-<code>} while the agent or platform is down. */
  String statusOf(String taskId) throws InterruptedException {
    try {
      Answer answer = task(taskId);
      return answer.status() == 200 ? answer.field("status") : "http-" + answer.status();
    } catch (IOException e) {
      return "unreachable";
    }
  }

  Answer approve(String taskId, String approver) throws IOException, InterruptedException {
    return post("/tasks/" + taskId + "/approve", Map.of("approver", approver));
  }

  private Answer post(String path, Map<String, String> body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(15))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
        .build());
  }

  private Answer send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), JSON.readTree(response.body()));
  }
}
