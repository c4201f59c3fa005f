package dev.crashtest.fakes.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a client sees on the wire: a plain {@link HttpClient} calling the fake model, reading SSE line by line. */
final class WireClient {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI baseUrl;

  WireClient(URI baseUrl) {
    this.baseUrl = baseUrl;
  }

  static String body(boolean stream, ArrayNode messages) {
    ObjectNode body = JSON.createObjectNode().put("model", "crashtest-procurement").put("stream", stream);
    body.set("messages", messages);
    try {
      body.set("tools", JSON.readTree(ProcurementTools.TOOLS));
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first request of the procurement task: the model answers with get_account. */
  static ArrayNode goalOnly() {
    ArrayNode messages = JSON.createArrayNode();
    messages.addObject().put("role", "system").put("content", "You buy things.");
    messages.addObject().put("role", "user").put("content", ProcurementTools.GOAL);
    return messages;
  }

  /** The second request: the model answers with create_quote. */
  static ArrayNode afterGetAccount() {
    ArrayNode messages = goalOnly();
    ObjectNode assistant = messages.addObject().put("role", "assistant");
    assistant.putNull("content");
    assistant.putArray("tool_calls").addObject().put("id", "x1").put("type", "function")
        .putObject("function").put("name", "get_account").put("arguments", "{}");
    messages.addObject().put("role", "tool").put("tool_call_id", "x1")
        .put("content", ProcurementTools.resultOf("get_account"));
    return messages;
  }

  HttpRequest chatRequest(String body, Duration timeout) {
    return HttpRequest.newBuilder(URI.create(baseUrl + "/v1/chat/completions")).timeout(timeout)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  HttpResponse<String> chat(boolean stream, ArrayNode messages) throws IOException, InterruptedException {
    return http.send(chatRequest(body(stream, messages), Duration.ofSeconds(10)), BodyHandlers.ofString());
  }

  HttpResponse<String> chat(boolean stream, ArrayNode messages, Duration timeout)
      throws IOException, InterruptedException {
    return http.send(chatRequest(body(stream, messages), timeout), BodyHandlers.ofString());
  }

  /** Reads a streamed answer line by line as it arrives, until the end or the connection breaks. */
  SseRead stream(ArrayNode messages) throws IOException, InterruptedException {
    HttpResponse<InputStream> response =
        http.send(chatRequest(body(true, messages), Duration.ofSeconds(10)), BodyHandlers.ofInputStream());
    List<Line> lines = new ArrayList<>();
    long start = System.nanoTime();
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(new Line(line, Duration.ofNanos(System.nanoTime() - start)));
      }
      return new SseRead(response.statusCode(), lines, Optional.empty());
    } catch (IOException broken) {
      return new SseRead(response.statusCode(), lines, Optional.of(broken));
    }
  }

  HttpResponse<String> admin(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), BodyHandlers.ofString());
  }

  /** One line of a stream and when it arrived, counted from the response headers. */
  record Line(String text, Duration arrived) {}

  /**
   * A stream as the client read it.
   *
   * @param status the HTTP status
   * @param lines every line, blank ones included
   * @param failure how reading ended if the connection broke
   */
  record SseRead(int status, List<Line> lines, Optional<IOException> failure) {
    /** The {@code data:} lines, payload only. */
    List<String> data() {
      return dataLines().stream().map(Line::text).toList();
    }

    List<Line> dataLines() {
      return lines.stream().filter(line -> line.text().startsWith("data: "))
          .map(line -> new Line(line.text().substring("data: ".length()), line.arrived())).toList();
    }

    /** The data payloads parsed as JSON, {@code [DONE]} left out. */
    List<JsonNode> chunks() {
      return data().stream().filter(data -> !data.equals("[DONE]")).map(data -> {
        try {
          return JSON.readTree(data);
        } catch (IOException e) {
          throw new UncheckedIOException("not JSON: " + data, e);
        }
      }).toList();
    }
  }
}
