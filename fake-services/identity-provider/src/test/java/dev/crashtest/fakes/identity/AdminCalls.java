package dev.crashtest.fakes.identity;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;

/** Calls to a provider's operator API ({@code /__crashtest/...}) as a harness in another process makes them. */
final class AdminCalls {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI baseUrl;

  AdminCalls(URI baseUrl) {
    this.baseUrl = baseUrl;
  }

  HttpResponse<String> send(String method, String path, String body) {
    HttpRequest.BodyPublisher publisher =
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
        .method(method, publisher).header("Content-Type", "application/json").build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError("cannot call " + method + " " + path + ": " + e, e);
    }
  }

  /** The answer's JSON object, after checking its status. */
  Map<String, Object> json(String method, String path, String body, int expectedStatus) {
    HttpResponse<String> answer = send(method, path, body);
    if (answer.statusCode() != expectedStatus) {
      throw new AssertionError(method + " " + path + " " + body + ": expected status " + expectedStatus + ", got "
          + answer.statusCode() + " " + answer.body());
    }
    return parse(answer.body());
  }

  static Map<String, Object> parse(String json) {
    try {
      return JSONObjectUtils.parse(json);
    } catch (ParseException e) {
      throw new AssertionError("not a JSON object: " + json, e);
    }
  }
}
