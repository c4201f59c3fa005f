package dev.crashtest.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.env.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A second agent in the environment that hands a task over: it has its own client at the identity provider and
 * gets its own delegated token for the user by a real RFC 8693 exchange, as any agent would — the token it then
 * (wrongly) passes along with the task.
 */
final class UpstreamAgent {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String clientId;

  private UpstreamAgent(String clientId) {
    this.clientId = clientId;
  }

  static UpstreamAgent named(String clientId) {
    return new UpstreamAgent(clientId);
  }

  /** This agent's delegated token for the user of {@code userToken}, with {@code act.sub} = this agent. */
  String delegatedToken(Environment environment, String userToken) {
    String secret = environment.registerAgent(clientId);
    // straight to the provider, past its proxy: a fault on the agent's hop is not this agent's concern
    URI endpoint = environment.identityService().directTokenEndpoint();
    String form = "grant_type=" + encode("urn:ietf:params:oauth:grant-type:token-exchange")
        + "&subject_token=" + encode(userToken)
        + "&subject_token_type=" + encode("urn:ietf:params:oauth:token-type:jwt")
        + "&audience=crm&scope=" + encode("crm.read crm.write");
    String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", "Basic " + basic)
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode token = response.statusCode() == 200 ? JSON.readTree(response.body()).get("access_token") : null;
      if (token == null) {
        throw new IllegalStateException("upstream agent [" + clientId + "] could not exchange the user's token at ["
            + endpoint + "]: HTTP " + response.statusCode());
      }
      return token.asText();
    } catch (IOException e) {
      throw new UncheckedIOException("upstream agent [" + clientId + "] could not reach [" + endpoint + "]: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while upstream agent [" + clientId + "] exchanged a token", e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
