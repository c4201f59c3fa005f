package dev.crashtest.agents.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * RFC 8693 token exchange as the contract's section 4 prescribes: discovery, then a form {@code POST} to the
 * token endpoint with {@code client_secret_basic}. The client secret is read from its file at every exchange,
 * because the harness rewrites the file when it rotates the secret.
 *
 * <pre>{@code
 * TokenExchange exchange = new TokenExchange(HttpClient.newHttpClient(), URI.create(issuer), "agent-1",
 *     Path.of(secretFile), Clock.systemUTC());
 * DelegatedToken token = exchange.exchange(userToken);
 * }</pre>
 */
public final class TokenExchange {
  static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
  static final String JWT_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:jwt";
  /** What procurement's exchange asks for: its one service, {@code crm}, and the scopes its tools need. */
  static final String CRM_AUDIENCE = "crm";
  static final List<String> CRM_SCOPES = List.of("crm.read", "crm.write");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final URI issuer;
  private final String clientId;
  private final Path secretFile;
  private final Clock clock;
  private volatile URI tokenEndpoint;

  public TokenExchange(HttpClient http, URI issuer, String clientId, Path secretFile, Clock clock) {
    this.http = http;
    this.issuer = issuer;
    this.clientId = clientId;
    this.secretFile = secretFile;
    this.clock = clock;
  }

  /**
   * Exchanges the user's token for a delegated CRM token. An identity provider that is unreachable or answers
   * 5xx is asked again, at most {@link RetryPolicy#MAX_RETRIES} times, honouring {@code Retry-After}: a token
   * refresh must not end a task on the first blip. A refusal (4xx) is final.
   */
  public DelegatedToken exchange(String subjectToken) throws TokenExchangeException, InterruptedException {
    return exchange(subjectToken, CRM_AUDIENCE, CRM_SCOPES);
  }

  /**
   * Exchanges the user's token for a delegated token for {@code audience} (a workload service's name) with
   * {@code scopes}; no {@code scope} parameter when {@code scopes} is empty (the identity provider then grants
   * what the user delegated). Retries as {@link #exchange(String)}.
   */
  public DelegatedToken exchange(String subjectToken, String audience, List<String> scopes)
      throws TokenExchangeException, InterruptedException {
    for (int retry = 1; ; retry++) {
      try {
        return exchangeOnce(form(subjectToken, audience, scopes));
      } catch (Unavailable e) {
        if (retry > RetryPolicy.MAX_RETRIES) {
          throw new TokenExchangeException(e.getMessage() + " (after " + RetryPolicy.MAX_RETRIES + " retries)");
        }
        Thread.sleep(RetryPolicy.delay(e.retryAfter, retry).toMillis());
      }
    }
  }

  /** The identity provider could not answer now; worth asking again. */
  private static final class Unavailable extends Exception {
    private final java.util.Optional<String> retryAfter;

    Unavailable(String message, java.util.Optional<String> retryAfter) {
      super(message);
      this.retryAfter = retryAfter;
    }
  }

  private DelegatedToken exchangeOnce(String form)
      throws TokenExchangeException, InterruptedException, Unavailable {
    URI endpoint;
    try {
      endpoint = tokenEndpoint();
    } catch (TokenExchangeException e) {
      throw new Unavailable(e.getMessage(), java.util.Optional.empty());
    }
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .timeout(TIMEOUT)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .header("Authorization", basicAuthorization(clientId, readSecret()))
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
    HttpResponse<String> response;
    try {
      response = send(request, "token endpoint [" + endpoint + "]");
    } catch (TokenExchangeException unreachable) {
      throw new Unavailable(unreachable.getMessage(), java.util.Optional.empty());
    }
    if (response.statusCode() >= 500) {
      throw new Unavailable(refusal(response), response.headers().firstValue("Retry-After"));
    }
    if (response.statusCode() != 200) {
      throw new TokenExchangeException(refusal(response));
    }
    JsonNode body = Json.parseLenient(response.body());
    String accessToken = body.path("access_token").asText(null);
    if (accessToken == null) {
      throw new TokenExchangeException("token endpoint [" + endpoint + "] answered 200 without [access_token]");
    }
    long expiresIn = body.path("expires_in").asLong(60);
    return new DelegatedToken(accessToken, clock.instant().plusSeconds(expiresIn));
  }

  /** The form body of the exchange, parameters in the contract's order. */
  static String form(String subjectToken) {
    return form(subjectToken, CRM_AUDIENCE, CRM_SCOPES);
  }

  /** The form body of an exchange for {@code audience}; {@code scope} only when {@code scopes} is not empty. */
  static String form(String subjectToken, String audience, List<String> scopes) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", GRANT_TYPE);
    form.put("subject_token", subjectToken);
    form.put("subject_token_type", JWT_TOKEN_TYPE);
    form.put("audience", audience);
    if (!scopes.isEmpty()) {
      form.put("scope", String.join(" ", scopes));
    }
    return form.entrySet().stream()
        .map(e -> urlEncode(e.getKey()) + "=" + urlEncode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  /** RFC 6749, section 2.3.1: id and secret are form-encoded, joined by a colon, then Base64-encoded. */
  static String basicAuthorization(String clientId, String secret) {
    String pair = urlEncode(clientId) + ":" + urlEncode(secret);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private String readSecret() throws TokenExchangeException {
    try {
      String content = Files.readString(secretFile, StandardCharsets.UTF_8);
      int newline = content.indexOf('\n');
      return (newline < 0 ? content : content.substring(0, newline)).strip();
    } catch (IOException e) {
      throw new TokenExchangeException("cannot read the client secret file [" + secretFile
          + "] named by HARNESS_AGENT_CLIENT_SECRET_FILE: " + e, e);
    }
  }

  private URI tokenEndpoint() throws TokenExchangeException, InterruptedException {
    URI known = tokenEndpoint;
    if (known != null) {
      return known;
    }
    String base = issuer.toString().replaceAll("/+$", "");
    URI discovery = URI.create(base + "/.well-known/openid-configuration");
    HttpResponse<String> response = send(HttpRequest.newBuilder(discovery).timeout(TIMEOUT).GET().build(),
        "discovery document [" + discovery + "]");
    String endpoint = Json.parseLenient(response.body()).path("token_endpoint").asText(null);
    if (response.statusCode() != 200 || endpoint == null) {
      throw new TokenExchangeException("discovery document [" + discovery + "] answered HTTP "
          + response.statusCode() + " without [token_endpoint]; is HARNESS_IDP_ISSUER right?");
    }
    tokenEndpoint = URI.create(endpoint);
    return tokenEndpoint;
  }

  private HttpResponse<String> send(HttpRequest request, String what)
      throws TokenExchangeException, InterruptedException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new TokenExchangeException("cannot reach the " + what + ": " + e, e);
    }
  }

  private static String refusal(HttpResponse<String> response) {
    JsonNode body = Json.parseLenient(response.body());
    String code = body.path("error").asText("unknown");
    String hint = switch (response.statusCode()) {
      case 400 -> " (the user's token is expired or not signed by the identity provider)";
      case 401 -> " (the client secret is wrong: check HARNESS_AGENT_CLIENT_SECRET_FILE)";
      default -> "";
    };
    return "token exchange refused: HTTP " + response.statusCode() + " [" + code + "]" + hint;
  }

  private static String urlEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
