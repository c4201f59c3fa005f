package dev.crashtest.agents.restate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crashtest.agents.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The agent's calls to Restate over plain HTTP: deployments on the admin API, the procurement workflow's handlers on
 * the ingress. Every failure is an {@link UncheckedIOException} naming the call and the address, so the control API
 * answers 500 with the reason instead of pretending a task is unknown.
 *
 * <pre>{@code
 * RestateClient restate = new RestateClient(PlatformAddresses.fromEnvironment(System.getenv()));
 * restate.register(URI.create("http://127.0.0.1:9080"));
 * restate.start("T-1", new TaskInput(goal, userToken));
 * }</pre>
 */
public final class RestateClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final PlatformAddresses platform;
  private final HttpClient http;

  public RestateClient(PlatformAddresses platform) {
    this.platform = platform;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(3))
        .build();
  }

  /** Registers (or, with {@code force}, re-registers) the agent's endpoint; Restate discovers its services. */
  public void register(URI endpoint) {
    String body = Json.write(Json.object().put("uri", endpoint.toString()).put("force", true));
    HttpResponse<String> response = send(post(platform.admin().resolve("/deployments"), body), "register deployment");
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException("Restate refused to register the endpoint [" + endpoint + "] at ["
          + platform.admin() + "]: " + response.statusCode() + " " + response.body());
    }
  }

  /**
   * Starts the task's workflow unless Restate already has it.
   *
   * @return true if this call started it, false if Restate had accepted it before
   */
  public boolean start(String taskId, TaskInput input) {
    HttpResponse<String> response = send(post(handler(taskId, "run/send"), Json.write(Json.MAPPER.valueToTree(input))),
        "start workflow");
    expectSuccess(response, "start workflow [" + taskId + "]");
    return !"PreviouslyAccepted".equals(parse(response.body()).path("status").asText());
  }

  /** The task's state as the workflow keeps it; {@link TaskState#UNKNOWN} when it has set none yet. */
  public TaskState status(String taskId) {
    HttpResponse<String> response = send(post(handler(taskId, "status"), ""), "query status");
    expectSuccess(response, "query the status of [" + taskId + "]");
    JsonNode body = parse(response.body());
    return new TaskState(body.path("status").asText(TaskState.UNKNOWN), text(body, "result"), text(body, "error"));
  }

  /**
   * Whether Restate holds a workflow for the task (accepted, running or finished), asked through the ingress's
   * output endpoint: 404 means it holds none.
   */
  public Optional<Integer> outputStatus(String taskId) {
    URI uri = platform.ingress().resolve("/restate/workflow/" + ProcurementWorkflow.NAME + "/" + segment(taskId)
        + "/output");
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), "query output");
    return response.statusCode() == 404 ? Optional.empty() : Optional.of(response.statusCode());
  }

  /** Resolves the task's approval gate; answers one of the {@code ProcurementWorkflow} outcome names. */
  public String approve(String taskId, String approver) {
    HttpResponse<String> response = send(post(handler(taskId, "approve"), Json.write(approver)), "approve");
    expectSuccess(response, "approve [" + taskId + "]");
    return parse(response.body()).asText();
  }

  private URI handler(String taskId, String handler) {
    return platform.ingress().resolve("/" + ProcurementWorkflow.NAME + "/" + segment(taskId) + "/" + handler);
  }

  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A POST; an empty body goes without a content type, as Restate requires for a handler that takes no input. */
  private static HttpRequest post(URI uri, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
    if (body.isEmpty()) {
      return request.POST(HttpRequest.BodyPublishers.noBody()).build();
    }
    return request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private HttpResponse<String> send(HttpRequest request, String what) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot " + what + " at Restate [" + request.uri() + "]: " + e
          + "; is the platform running (" + PlatformAddresses.INGRESS_VARIABLE + ", "
          + PlatformAddresses.ADMIN_VARIABLE + ")?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while trying to " + what + " at Restate", e);
    }
  }

  private static void expectSuccess(HttpResponse<String> response, String what) {
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException("Restate could not " + what + ": " + response.statusCode() + " "
          + response.body());
    }
  }

  private static JsonNode parse(String body) {
    return Json.parseLenient(body);
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
