package dev.crashtest.fakes.mcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.fakes.mcp.McpTool;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A tool's HTTP call to its service: path and body filled from the arguments, the exchanged token, and the caller's
 * idempotency key on writes.
 */
final class ServiceCall {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the service answered. */
  record Answer(int status, String body, boolean replayed) {}

  private final Map<String, URI> services;
  private final HttpClient http;

  ServiceCall(Map<String, URI> services, HttpClient http) {
    this.services = services;
    this.http = http;
  }

  Answer send(McpTool tool, Map<String, Object> arguments, String token, String idempotencyKey)
      throws ToolTemplate.MissingArgument, IOException, InterruptedException {
    JsonNode args = JSON.valueToTree(arguments == null ? Map.of() : arguments);
    String path = ToolTemplate.path(tool.pathTemplate(), args);
    JsonNode body = ToolTemplate.body(tool.bodyTemplateJson(), args, required(tool));
    URI base = services.get(tool.service());
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
    if (tool.write() && idempotencyKey != null && !idempotencyKey.isBlank()) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    if (body != null) {
      request.header("Content-Type", "application/json")
          .method(tool.method(), HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    } else {
      request.method(tool.method(), HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    boolean replayed = response.headers().firstValue("Idempotent-Replayed").map("true"::equalsIgnoreCase)
        .orElse(false);
    return new Answer(response.statusCode(), response.body(), replayed);
  }

  private static Set<String> required(McpTool tool) {
    Set<String> names = new HashSet<>();
    try {
      JSON.readTree(tool.inputSchemaJson()).path("required").forEach(name -> names.add(name.asText()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("mcp: a schema checked at start is not JSON", e);
    }
    return names;
  }
}
