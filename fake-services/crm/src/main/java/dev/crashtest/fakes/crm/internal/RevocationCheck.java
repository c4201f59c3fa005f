package dev.crashtest.fakes.crm.internal;

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
 * turn into a CRM outage; the stderr line says so.
 */
final class RevocationCheck {
  /** The audit {@code error} of a write refused because the delegation was revoked. */
  static final String DELEGATION_REVOKED = dev.crashtest.fakes.crm.AuditRecord.DELEGATION_REVOKED;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI introspectionUri;
  private final URI jwksUri;
  private final HttpClient http;

  RevocationCheck(URI introspectionUri, URI jwksUri) {
    this.introspectionUri = introspectionUri;
    this.jwksUri = jwksUri;
    this.http = introspectionUri == null
        ? null
        : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  /** Throws a 401 {@code invalid_token} when the provider says the token is no longer active. */
  void check(String authorization, Caller caller) {
    if (introspectionUri == null || authorization == null || authorization.length() < 7) {
      return;
    }
    String token = authorization.substring(7).trim();
    Boolean active = introspect(token);
    if (!Boolean.FALSE.equals(active)) {
      return;
    }
    java.util.Map<String, String> challenge = java.util.Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    if (keyWithdrawn(token)) {
      throw new ApiError(401, "invalid_token", "token rejected: the identity provider no longer publishes its"
          + " signing key (rotated out); fetch a new token", challenge);
    }
    throw new ApiError(401, "invalid_token",
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

  /** {@code active}, or null when the provider did not answer. */
  private Boolean introspect(String token) {
    HttpRequest request = HttpRequest.newBuilder(introspectionUri)
        .timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        System.err.println("crm: introspection at [" + introspectionUri + "] answered " + response.statusCode()
            + "; the write goes ahead on the token's signature alone");
        return null;
      }
      JsonNode active = JSON.readTree(response.body()).get("active");
      return active != null && active.asBoolean();
    } catch (IOException e) {
      System.err.println("crm: cannot reach introspection at [" + introspectionUri + "]: " + e
          + "; the write goes ahead on the token's signature alone");
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
