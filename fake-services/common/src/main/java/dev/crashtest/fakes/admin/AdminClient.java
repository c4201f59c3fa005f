package dev.crashtest.fakes.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.fakes.InjectedFault;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * JSON calls to a fake's operator API ({@code /__crashtest/...}) on its own socket: what each fake's admin client
 * ({@code IdentityAdminClient}, {@code CrmAdminClient}, {@code ModelAdminClient}) is built on.
 *
 * <pre>{@code
 * AdminClient admin = AdminClient.to("the CRM", URI.create("http://127.0.0.1:41002"));
 * URI own = URI.create(admin.post("/__crashtest/workloads", Map.of("agent", "naive-agent")).path("url").asText());
 * InjectedFault drop = admin.injectFault(CrmFault.commitThenDropResponse().toWire());
 * }</pre>
 *
 * <p>A call the fake refuses, or cannot be made, throws an {@link AdminException} naming the service and the call.
 */
public final class AdminClient {
  /** Where every fake serves its fault API: POST injects, GET lists, DELETE /{id} heals. */
  public static final String FAULTS_PATH = "/__crashtest/faults";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .version(HttpClient.Version.HTTP_1_1).build();

  private final String service;
  private final URI base;

  private AdminClient(String service, URI base) {
    this.service = Objects.requireNonNull(service, "service");
    this.base = Objects.requireNonNull(base, "base");
  }

  /**
   * A client of the operator API at {@code base}, e.g. {@code http://127.0.0.1:41002}; {@code service} names it in
   * messages, e.g. {@code the CRM}.
   */
  public static AdminClient to(String service, URI base) {
    return new AdminClient(service, base);
  }

  /** POSTs {@code body} as JSON; the answer's JSON, or an empty object for none. */
  public JsonNode post(String path, Object body) {
    return send("POST", path, body);
  }

  /** PUTs {@code body} as JSON; the answer's JSON, or an empty object for none. */
  public JsonNode put(String path, Object body) {
    return send("PUT", path, body);
  }

  /** The answer's JSON to a GET. */
  public JsonNode get(String path) {
    return send("GET", path, null);
  }

  /** DELETEs {@code path}. */
  public void delete(String path) {
    send("DELETE", path, null);
  }

  /**
   * Injects the fault {@code wire} describes (a fault class's {@code toWire()}) through {@value #FAULTS_PATH}; the
   * fault it hands back is healed, and counts its hits, through the same API.
   */
  public InjectedFault injectFault(Map<String, Object> wire) {
    return injectFault(FAULTS_PATH, wire);
  }

  /**
   * Injects what {@code wire} describes through an API shaped like {@value #FAULTS_PATH} at {@code path} (POST
   * answers {@code {"id","description"}}, GET lists {@code [{"id","description","hits"}]}, DELETE {@code /{id}}
   * heals), e.g. the model endpoint's {@code /__crashtest/tool-renames}.
   */
  public InjectedFault injectFault(String path, Map<String, Object> wire) {
    JsonNode answer = post(path, wire);
    return new RemoteFault(this, path, answer.path("id").asText(), answer.path("description").asText());
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
        throw new AdminException(service + " refused [" + method + " " + path + "]: HTTP "
            + response.statusCode() + " " + response.body(), null);
      }
      return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      // java.net.http says only "null" or nothing for a refused connection: name the exception too
      throw new AdminException("could not reach " + service + " at [" + uri + "]: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AdminException("interrupted while calling " + service + " at [" + uri + "]", e);
    }
  }
}
