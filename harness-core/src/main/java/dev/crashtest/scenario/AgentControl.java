package dev.crashtest.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.agent.AgentException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The harness's client for an agent's control API (docs/agent-contract.md, section 2). A success answer to
 * {@code POST /tasks} or {@code GET /tasks/{id}} whose body is not a JSON object breaks the contract: it throws
 * {@link AgentException} naming the request and the body, so the run ends as an ERROR at once instead of waiting
 * out the scenario for a status it can never read.
 */
final class AgentControl {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).version(HttpClient.Version.HTTP_1_1).build();

  private final URI base;

  AgentControl(URI base) {
    this.base = base;
  }

  /**
   * The answer to a control call: HTTP status, body as JSON (null when it is not) and as sent, or status -1 when
   * the agent could not be reached.
   */
  record Answer(int status, JsonNode body, String raw) {
    boolean reached() {
      return status >= 0;
    }

    String field(String name) {
      JsonNode node = body == null ? null : body.get(name);
      return node == null || node.isNull() ? null : node.asText();
    }
  }

  Answer submit(String taskId, String goal, String userToken, String handoffToken) {
    return requireJson("POST /tasks", handoffToken == null
        ? post("/tasks", Map.of("taskId", taskId, "goal", goal, "userToken", userToken))
        : post("/tasks", Map.of("taskId", taskId, "goal", goal, "userToken", userToken, "handoffToken", handoffToken)));
  }

  Answer status(String taskId) {
    return requireJson("GET /tasks/" + taskId, send(HttpRequest.newBuilder(base.resolve("/tasks/" + taskId)).GET()));
  }

  Answer approve(String taskId, String approver) {
    return post("/tasks/" + taskId + "/approve", Map.of("approver", approver));
  }

  private Answer post(String path, Map<String, String> body) {
    try {
      return send(HttpRequest.newBuilder(base.resolve(path))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          HTTP.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), parse(response.body()).orElse(null), response.body());
    } catch (IOException e) {
      return new Answer(-1, null, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, null, null);
    }
  }

  /** A 2xx answer must carry a JSON object: the harness reads the task's status from it. */
  private Answer requireJson(String request, Answer answer) {
    if (answer.status() / 100 == 2 && (answer.body() == null || !answer.body().isObject())) {
      throw new AgentException("the agent answered " + request + " with " + answer.status() + " and a body that is"
          + " not a JSON object: [" + snippet(answer.raw()) + "]; the contract (docs/agent-contract.md, section 2)"
          + " asks for {\"taskId\", \"status\", ...} with Content-Type: application/json");
    }
    return answer;
  }

  /** The body on one line, at most 120 characters of it. */
  static String snippet(String body) {
    String line = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    return line.length() <= 120 ? line : line.substring(0, 120) + "… (" + line.length() + " characters)";
  }

  private static Optional<JsonNode> parse(String body) {
    try {
      return body == null || body.isBlank() ? Optional.empty() : Optional.of(JSON.readTree(body));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
