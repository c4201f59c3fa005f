package dev.crashtest.env;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON calls to a fake's operator API ({@code /__crashtest/...}) on its own socket. */
final class AdminClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .version(HttpClient.Version.HTTP_1_1).build();

  private final String service;
  private final URI base;

  AdminClient(String service, URI base) {
    this.service = service;
    this.base = base;
  }

  JsonNode post(String path, Object body) {
    return send("POST", path, body);
  }

  JsonNode put(String path, Object body) {
    return send("PUT", path, body);
  }

  JsonNode get(String path) {
    return send("GET", path, null);
  }

  void delete(String path) {
    send("DELETE", path, null);
  }

  private JsonNode send(String method, String path, Object body) {
    URI uri = base.resolve(path);
    try {
      HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json").method(method, publisher).build();
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new EnvironmentException(service + " refused [" + method + " " + path + "]: HTTP "
            + response.statusCode() + " " + response.body(), null);
      }
      return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      // java.net.http says only "null" or nothing for a refused connection: name the exception too
      throw new EnvironmentException("could not reach " + service + " at [" + uri + "]: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvironmentException("interrupted while calling " + service + " at [" + uri + "]", e);
    }
  }
}
