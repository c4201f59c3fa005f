package dev.crashtest.fakes.identity.internal;

import java.util.Objects;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;

/**
 * Our issuer's JWKS, routed ahead of mock-oauth2-server's (which publishes only the signing key): the current key
 * and every rotated-out key still in its grace period.
 */
public final class JwksEndpoint implements Route {
  private final Issuer issuer;
  private final SigningKeys keys;

  public JwksEndpoint(Issuer issuer, SigningKeys keys) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  @Override
  public boolean match(OAuth2HttpRequest request) {
    return "GET".equals(request.getMethod()) && issuer.jwksPath().equals(request.getUrl().encodedPath());
  }

  @Override
  public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
    return Responses.json(200, keys.publicKeys().toJSONObject(true));
  }
}
