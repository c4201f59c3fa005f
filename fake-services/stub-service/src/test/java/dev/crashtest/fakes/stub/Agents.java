package dev.crashtest.fakes.stub;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.fakes.identity.IdentityProvider;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Delegated tokens as an agent gets them: the real fake identity provider, a registered client per agent, the user's
 * token exchanged (RFC 8693) over HTTP for one service's audience and scopes.
 *
 * <pre>{@code
 * String token = agents.delegatedToken("agent-7", "refunds", "refunds.write");
 * }</pre>
 */
final class Agents {
  static final Set<String> USER_SCOPES = Set.of("orders.read", "refunds.write");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final IdentityProvider idp;
  private final Map<String, String> secrets;
  private final String userToken;

  Agents(IdentityProvider idp) {
    this.idp = idp;
    this.secrets = Map.of("agent-7", idp.registerClient("agent-7"), "agent-9", idp.registerClient("agent-9"));
    this.userToken = idp.issueUserToken("alice", USER_SCOPES);
  }

  /** {@code agent}'s token for user alice, audience {@code service}, the scopes asked (space-separated). */
  String delegatedToken(String agent, String service, String scope) {
    Map<String, String> form = Map.of(
        "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
        "subject_token", userToken,
        "subject_token_type", "urn:ietf:params:oauth:token-type:jwt",
        "audience", service,
        "scope", scope);
    String body = form.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    String basic = Base64.getEncoder().encodeToString((agent + ":" + secrets.get(agent))
        .getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(idp.tokenEndpoint())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", "Basic " + basic)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError("token exchange for [" + agent + "] answered " + response.statusCode() + ": "
            + response.body());
      }
      return JSON.readTree(response.body()).path("access_token").asText();
    } catch (IOException e) {
      throw new AssertionError("cannot reach the identity provider at " + idp.tokenEndpoint(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static URI resource(String path) {
    try {
      return Agents.class.getResource(path).toURI();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
