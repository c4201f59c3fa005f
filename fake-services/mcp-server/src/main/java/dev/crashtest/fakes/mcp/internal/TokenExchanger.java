package dev.crashtest.fakes.mcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The MCP server's side of "on behalf of": it never forwards the agent's token, it exchanges it (RFC 8693) as its own
 * client for a token of the tool's service and scope. The identity provider nests the actors, so the service sees
 * the user as {@code sub}, the agent innermost in {@code act} and the MCP server around it. Tokens are kept per
 * (agent token, service, scope) until shortly before they expire.
 */
final class TokenExchanger {
  static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
  static final String JWT_TYPE = "urn:ietf:params:oauth:token-type:jwt";

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Cached(String token, Instant until) {}

  private final URI tokenEndpoint;
  private final String clientId;
  private final String secret;
  private final HttpClient http;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  TokenExchanger(URI tokenEndpoint, String clientId, String secret, HttpClient http) {
    this.tokenEndpoint = tokenEndpoint;
    this.clientId = clientId;
    this.secret = secret;
    this.http = http;
  }

  /** The provider refused the exchange (4xx): the call must not reach the service. */
  static final class Refused extends Exception {
    private final String body;

    Refused(String body) {
      super("the identity provider refused the token exchange: " + body);
      this.body = body;
    }

    String body() {
      return body;
    }
  }

  /**
   * A token for {@code service} with {@code scope}, on behalf of the agent whose token is {@code agentToken}.
   *
   * @throws Refused when the provider answers 4xx (a revoked delegation, a withdrawn scope)
   * @throws IOException when it cannot be reached or answers 5xx
   */
  String exchange(String agentToken, String service, String scope) throws Refused, IOException, InterruptedException {
    String key = agentToken + '\u0000' + service + '\u0000' + scope;
    Cached cached = cache.get(key);
    if (cached != null && Instant.now().isBefore(cached.until())) {
      return cached.token();
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", TOKEN_EXCHANGE);
    form.put("subject_token", agentToken);
    form.put("subject_token_type", JWT_TYPE);
    form.put("audience", service);
    if (scope != null) {
      form.put("scope", scope);
    }
    String body = form.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
        + URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", "Basic " + basic)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 == 4) {
      throw new Refused(response.body());
    }
    if (response.statusCode() != 200) {
      throw new IOException("the identity provider at [" + tokenEndpoint + "] answered " + response.statusCode()
          + " to the token exchange: " + response.body());
    }
    JsonNode answer = JSON.readTree(response.body());
    String token = answer.path("access_token").asText();
    long lifetime = answer.path("expires_in").asLong(60);
    cache.put(key, new Cached(token, Instant.now().plusSeconds(Math.max(0, lifetime - 5))));
    return token;
  }
}
