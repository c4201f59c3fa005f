package dev.crashtest.fakes.identity.internal;

import dev.crashtest.fakes.ServiceEvent.Outcome;
import dev.crashtest.fakes.faults.CountedFault;
import dev.crashtest.fakes.identity.IdentityEvents;
import dev.crashtest.fakes.identity.IdentityFault;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;

/**
 * Our token endpoint, routed ahead of mock-oauth2-server's own (which accepts any client and never verifies a
 * subject token). It authenticates the client against the {@link ClientRegistry}, serves {@code client_credentials}
 * and token exchange, refuses every other grant and every other issuer's token endpoint, and publishes one event per
 * request. An injected fault acts first: a refusal answers before the client is authenticated, a slow token endpoint
 * waits and then serves as usual; either way the event carries the fault's name in {@code fault}.
 */
public final class TokenEndpoint implements Route {
  private final Issuer issuer;
  private final ClientRegistry clients;
  private final TokenMinter minter;
  private final TokenExchangeGrant exchange;
  private final EventPublisher events;
  private final Duration lifetime;
  private final String defaultAudience;
  private final IdentityFaultRegistry faults;

  public TokenEndpoint(
      Issuer issuer,
      ClientRegistry clients,
      TokenMinter minter,
      SubjectTokenVerifier verifier,
      EventPublisher events,
      Duration lifetime,
      String defaultAudience,
      IdentityFaultRegistry faults,
      Delegations delegations) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.clients = Objects.requireNonNull(clients, "clients");
    this.minter = Objects.requireNonNull(minter, "minter");
    this.exchange = new TokenExchangeGrant(verifier, minter, delegations);
    this.events = Objects.requireNonNull(events, "events");
    this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    this.defaultAudience = Objects.requireNonNull(defaultAudience, "defaultAudience");
    this.faults = Objects.requireNonNull(faults, "faults");
  }

  @Override
  public boolean match(OAuth2HttpRequest request) {
    return "POST".equals(request.getMethod()) && request.getUrl().encodedPath().endsWith("/token");
  }

  @Override
  public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
    Optional<CountedFault<IdentityFault>> fault = faults.claim(true);
    if (fault.isEmpty()) {
      return serve(request, null);
    }
    IdentityFault injected = fault.get().fault();
    if (injected.type() != IdentityFault.Type.SLOW_TOKEN_ENDPOINT) {
      return refuseByFault(request, fault.get());
    }
    pause(injected.delay());
    return serve(request, injected.type().wireName());
  }

  private OAuth2HttpResponse serve(OAuth2HttpRequest request, String fault) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put(EventKeys.FAULT, fault);
    String operation = IdentityEvents.TOKEN_REQUEST;
    String actor = null;
    try {
      TokenRequestForm form = TokenRequestForm.parse(request.getBody(), request.getHeaders().get("Authorization"));
      String grantType = form.get("grant_type");
      operation = IdentityEvents.operationFor(grantType);
      details.put(EventKeys.GRANT_TYPE, grantType);
      requireOurIssuer(request);
      actor = authenticate(form, details);
      OAuth2HttpResponse response = grant(grantType, form, actor, details);
      events.publish(actor, operation, Outcome.OK, details);
      return response;
    } catch (OAuthError error) {
      return refuse(actor, operation, details, error);
    } catch (RuntimeException unexpected) {
      System.err.println("identity: the token endpoint failed on [" + operation + "]: " + unexpected);
      unexpected.printStackTrace();
      OAuthError error =
          OAuthError.serverError("unexpected " + unexpected.getClass().getSimpleName() + "; see the server's stderr");
      return refuse(actor, operation, details, error);
    }
  }

  private OAuth2HttpResponse grant(
      String grantType, TokenRequestForm form, String actor, Map<String, Object> details) {
    if (IdentityEvents.CLIENT_CREDENTIALS_GRANT.equals(grantType)) {
      String audience = form.get("audience") == null ? defaultAudience : form.get("audience");
      MintedToken token =
          minter.clientToken(actor, TokenExchangeGrant.Scopes.parse(form.get("scope")), audience, lifetime);
      details.putAll(token.eventDetails());
      return Responses.token(token, null);
    }
    if (IdentityEvents.TOKEN_EXCHANGE_GRANT.equals(grantType)) {
      MintedToken token = exchange.exchange(form, actor, details);
      details.putAll(token.eventDetails());
      return Responses.token(token, IdentityEvents.ACCESS_TOKEN_TYPE);
    }
    if (grantType == null || grantType.isBlank()) {
      throw OAuthError.invalidRequest("missing parameter [grant_type], e.g. grant_type=client_credentials");
    }
    throw OAuthError.unsupportedGrantType(
        "grant_type [" + grantType + "] is not supported; use [" + IdentityEvents.CLIENT_CREDENTIALS_GRANT
            + "] or [" + IdentityEvents.TOKEN_EXCHANGE_GRANT + "]");
  }

  /** The authenticated client id. Basic credentials are tried as sent, then form-decoded (RFC 6749 2.3.1). */
  private String authenticate(TokenRequestForm form, Map<String, Object> details) {
    TokenRequestForm.Credentials credentials =
        form.credentials()
            .orElseThrow(
                () ->
                    OAuthError.invalidClient(
                        "no client authentication; send HTTP Basic with your client id and secret"
                            + " (client_secret_basic)"));
    String clientId = credentials.clientId();
    details.put(EventKeys.CLIENT_ID, clientId);
    if (clients.authenticate(clientId, credentials.secret())) {
      return clientId;
    }
    String decodedId = TokenRequestForm.formDecode(clientId);
    if (credentials.basic() && clients.authenticate(decodedId, TokenRequestForm.formDecode(credentials.secret()))) {
      details.put(EventKeys.CLIENT_ID, decodedId);
      return decodedId;
    }
    if (!clients.isRegistered(clientId) && !clients.isRegistered(decodedId)) {
      throw OAuthError.invalidClient("unknown client [" + clientId + "]");
    }
    throw OAuthError.invalidClient("wrong secret for client [" + clientId + "]");
  }

  private void requireOurIssuer(OAuth2HttpRequest request) {
    String path = request.getUrl().encodedPath();
    if (!issuer.tokenPath().equals(path)) {
      throw OAuthError.notFound(
          "no token endpoint at [" + path + "]; this identity provider has one issuer, [" + issuer.value()
              + "], whose token endpoint is [" + issuer.value() + "/token]");
    }
  }

  /** Answers the fault's error without authenticating; the event names the grant and the client as sent. */
  private OAuth2HttpResponse refuseByFault(OAuth2HttpRequest request, CountedFault<IdentityFault> fault) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put(EventKeys.FAULT, fault.fault().type().wireName());
    String operation = IdentityEvents.TOKEN_REQUEST;
    try {
      TokenRequestForm form = TokenRequestForm.parse(request.getBody(), request.getHeaders().get("Authorization"));
      operation = IdentityEvents.operationFor(form.get("grant_type"));
      details.put(EventKeys.GRANT_TYPE, form.get("grant_type"));
      form.credentials().ifPresent(credentials -> details.put(EventKeys.CLIENT_ID, credentials.clientId()));
    } catch (OAuthError unreadable) {
      // The fault refuses the request whatever it holds; an unreadable form only leaves the details thinner.
    }
    return refuse(null, operation, details, FaultRefusals.of(fault));
  }

  private static void pause(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      // The server is stopping: answer at once.
      Thread.currentThread().interrupt();
    }
  }

  private OAuth2HttpResponse refuse(
      String actor, String operation, Map<String, Object> details, OAuthError error) {
    details.put(EventKeys.ERROR, error.error());
    details.put(EventKeys.ERROR_DESCRIPTION, error.description());
    events.publish(actor, operation, Outcome.FAIL, details);
    return Responses.error(error);
  }
}
