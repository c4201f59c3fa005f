package dev.crashtest.fakes.proxy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plain HTTP calls to the proxy API, for what {@code toxiproxy-java} does not cover (populate, PATCH, exact error
 * bodies).
 *
 * <pre>{@code
 * RawApi.Answer answer = new RawApi(proxy.baseUrl()).send("POST", "/proxies", "{}");
 * }</pre>
 */
final class RawApi {
  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Status and body of one answer. */
  record Answer(int status, String body, String contentType) {}

  RawApi(URI base) {
    this.base = base;
  }

  Answer send(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.BodyPublisher publisher = body == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(10))
        .method(method, publisher)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body(),
        response.headers().firstValue("Content-Type").orElse(""));
  }
}
