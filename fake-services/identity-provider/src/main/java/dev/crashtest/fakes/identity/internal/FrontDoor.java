package dev.crashtest.fakes.identity.internal;

import dev.crashtest.fakes.faults.CountedFault;
import dev.crashtest.fakes.identity.IdentityFault;
import java.util.Objects;
import java.util.Optional;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;

/**
 * The one request handler of the server: the fault API and the identity admin API first, then our token endpoint
 * (which applies token faults itself), then an outage if one is injected, then our JWKS, then mock-oauth2-server's
 * own routes (discovery and the rest). Routing in one place lets a fault limited to n requests count each request exactly once.
 */
public final class FrontDoor implements Route {
  private final FaultAdminEndpoint admin;
  private final IdentityAdminEndpoint identityAdmin;
  private final TokenEndpoint token;
  private final JwksEndpoint jwks;
  private final IdentityFaultRegistry faults;
  private final Route mockOAuth2Server;

  public FrontDoor(FaultAdminEndpoint admin, IdentityAdminEndpoint identityAdmin, TokenEndpoint token,
      JwksEndpoint jwks, IdentityFaultRegistry faults, Route mockOAuth2Server) {
    this.admin = Objects.requireNonNull(admin, "admin");
    this.identityAdmin = Objects.requireNonNull(identityAdmin, "identityAdmin");
    this.token = Objects.requireNonNull(token, "token");
    this.jwks = Objects.requireNonNull(jwks, "jwks");
    this.faults = Objects.requireNonNull(faults, "faults");
    this.mockOAuth2Server = Objects.requireNonNull(mockOAuth2Server, "mockOAuth2Server");
  }

  @Override
  public boolean match(OAuth2HttpRequest request) {
    return true;
  }

  @Override
  public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
    if (admin.match(request)) {
      return admin.invoke(request);
    }
    if (identityAdmin.match(request)) {
      return identityAdmin.invoke(request);
    }
    if (token.match(request)) {
      return token.invoke(request);
    }
    Optional<CountedFault<IdentityFault>> outage = faults.claim(false);
    if (outage.isPresent()) {
      return Responses.error(FaultRefusals.of(outage.get()));
    }
    return jwks.match(request) ? jwks.invoke(request) : mockOAuth2Server.invoke(request);
  }
}
