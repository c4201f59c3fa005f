package dev.crashtest.fakes.auth;

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

/**
 * Before a write, asks the identity provider's RFC 7662 introspection endpoint whether the bearer token is still
 * active, so that no write follows a revoked delegation. Without an introspection URI it checks nothing. When the
 * provider cannot answer (down, or a fault), the write goes ahead on the signature alone: a provider outage must not
 * turn into an outage of the service; the stderr line says so. Shared by the fakes that are resource servers.
 *
 * <pre>{@code
 * RevocationCheck revocation = new RevocationCheck("crm", introspectionUri, jwksUri);
 * revocation.check(authorization, caller, "crm.write");   // AccessRefusal 401 "delegation revoked: ..."
 * }</pre>
 */
public final class RevocationCheck {
  /** The event {@code error} of a write refused because the delegation was revoked. */
  public static final String DELEGATION_REVOKED = dev.crashtest.fakes.EventVocabulary.DELEGATION_REVOKED;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String service;
  private final URI introspectionUri;
  private final URI jwksUri;
  private final HttpClient http;

  /**
   * @param service the fake's name, first word of its stderr lines, e.g. {@code crm}
   * @param introspectionUri the provider's RFC 7662 endpoint, or null to check nothing
   */
  public RevocationCheck(String service, URI introspectionUri, URI jwksUri) {
    this.service = service;
    this.introspectionUri = introspectionUri;
    this.jwksUri = jwksUri;
    this.http = introspectionUri == null
        ? null
        : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  /**
   * Throws a 401 {@code invalid_token} when the provider says the token is no longer active, and a 403
   * {@code insufficient_scope} when it says the token no longer grants {@code neededScope} (withdrawn by the user).
   */
  public void check(String authorization, Caller caller, String neededScope) {
    if (introspectionUri == null || authorization == null || authorization.length() < 7) {
      return;
    }
    String token = authorization.substring(7).trim();
    JsonNode answer = introspect(token);
    if (answer == null) {
      return;
    }
    if (answer.path("active").asBoolean(false)) {
      checkScope(answer, caller, neededScope);
      return;
    }
    java.util.Map<String, String> challenge = java.util.Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    if (keyWithdrawn(token)) {
      throw new AccessRefusal(401, "invalid_token", "token rejected: the identity provider no longer publishes its"
          + " signing key (rotated out); fetch a new token", challenge);
    }
    throw new AccessRefusal(401, "invalid_token",
        "delegation revoked: the identity provider says this token of user [" + caller.user() + "] for agent ["
            + caller.agent() + "] is no longer active; no write may follow revocation",
        challenge, DELEGATION_REVOKED);
  }

  /**
   * RFC 7662 says nothing about why a token is inactive; our own key cache may still hold a key the provider has
   * withdrawn, so ask the provider's JWKS afresh before calling it a revocation.
   */
  private boolean keyWithdrawn(String token) {
    try {
      String keyId = com.nimbusds.jwt.SignedJWT.parse(token).getHeader().getKeyID();
      HttpResponse<String> keys = http.send(HttpRequest.newBuilder(jwksUri).timeout(Duration.ofSeconds(5)).GET()
          .build(), HttpResponse.BodyHandlers.ofString());
      return keys.statusCode() == 200 && com.nimbusds.jose.jwk.JWKSet.parse(keys.body()).getKeyByKeyId(keyId) == null;
    } catch (IOException | java.text.ParseException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void checkScope(JsonNode answer, Caller caller, String neededScope) {
    JsonNode scope = answer.get("scope");
    if (scope == null || neededScope == null
        || java.util.Arrays.asList(scope.asText().trim().split("\\s+")).contains(neededScope)) {
      return;
    }
    throw new AccessRefusal(403, "insufficient_scope", "scope [" + neededScope + "] was withdrawn from this"
        + " delegation of user [" + caller.user() + "] to agent [" + caller.agent() + "]: the token still names it,"
        + " the identity provider no longer grants it; end the task or ask the user",
        java.util.Map.of("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"" + neededScope + "\""));
  }

  /** The provider's answer, or null when it did not answer. */
  private JsonNode introspect(String token) {
    HttpRequest request = HttpRequest.newBuilder(introspectionUri)
        .timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        System.err.println(service + ": introspection at [" + introspectionUri + "] answered " + response.statusCode()
            + "; the write goes ahead on the token's signature alone");
        return null;
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      System.err.println(service + ": cannot reach introspection at [" + introspectionUri + "]: " + e
          + "; the write goes ahead on the token's signature alone");
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
