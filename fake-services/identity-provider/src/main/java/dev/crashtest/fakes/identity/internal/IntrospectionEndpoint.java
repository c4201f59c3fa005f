package dev.crashtest.fakes.identity.internal;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.crashtest.fakes.ServiceEvent.Outcome;
import dev.crashtest.fakes.identity.IdentityEvents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;

/**
 * RFC 7662 token introspection at {@code <issuer>/introspect}, ahead of mock-oauth2-server's own (which knows
 * nothing of revocation): {@code active: false} for a token we did not sign, one signed by a withdrawn key, an
 * expired one, or a delegated token whose delegation the user revoked. Client authentication is optional (the CRM
 * calls it over loopback). Every other request goes on to {@code next}.
 */
public final class IntrospectionEndpoint implements Route {
  private final Issuer issuer;
  private final SubjectTokenVerifier verifier;
  private final Delegations delegations;
  private final EventPublisher events;
  private final Route next;

  public IntrospectionEndpoint(
      Issuer issuer, SubjectTokenVerifier verifier, Delegations delegations, EventPublisher events, Route next) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.delegations = Objects.requireNonNull(delegations, "delegations");
    this.events = Objects.requireNonNull(events, "events");
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public boolean match(OAuth2HttpRequest request) {
    return true;
  }

  @Override
  public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
    boolean ours = "POST".equals(request.getMethod())
        && ("/" + issuer.id() + "/introspect").equals(request.getUrl().encodedPath());
    return ours ? introspect(request) : next.invoke(request);
  }

  private OAuth2HttpResponse introspect(OAuth2HttpRequest request) {
    Map<String, Object> details = new LinkedHashMap<>();
    String token;
    try {
      token = TokenRequestForm.parse(request.getBody(), null).require("token", "<the access token>");
    } catch (OAuthError e) {
      details.put(EventKeys.ERROR, e.error());
      details.put(EventKeys.ERROR_DESCRIPTION, e.description());
      events.publish(null, IdentityEvents.INTROSPECT, Outcome.FAIL, details);
      return Responses.error(e);
    }
    Map<String, Object> body = answer(token, details);
    details.put(IdentityEvents.ACTIVE, body.get("active"));
    events.publish(null, IdentityEvents.INTROSPECT, Outcome.OK, details);
    return Responses.json(200, body);
  }

  /** The RFC 7662 answer; the details get sub, act, jti and, for an inactive token, the reason. */
  private Map<String, Object> answer(String token, Map<String, Object> details) {
    Map<String, Object> body = new LinkedHashMap<>();
    JWTClaimsSet claims;
    try {
      claims = verifier.verify(token);
    } catch (OAuthError e) {
      details.put(IdentityEvents.REASON, e.description().replace("subject_token", "token"));
      body.put("active", false);
      return body;
    }
    String user = claims.getSubject();
    String agent = actor(claims);
    details.put(EventKeys.SUB, user);
    details.put(EventKeys.ACT, agent);
    details.put(EventKeys.JTI, claims.getJWTID());
    List<String> actors = ActorChain.of(claims.getClaim("act"));
    if (delegations.revokedAmong(user, actors) != null) {
      details.put(IdentityEvents.REASON, IdentityEvents.DELEGATION_REVOKED);
      body.put("active", false);
      return body;
    }
    body.put("active", true);
    body.put("scope", scope(claims, user, actors));
    body.put("client_id", claims.getClaim("client_id"));
    body.put("token_type", "Bearer");
    body.put("sub", user);
    body.put("aud", claims.getAudience());
    body.put("iss", claims.getIssuer());
    body.put("jti", claims.getJWTID());
    body.put("exp", claims.getExpirationTime().getTime() / 1000);
    if (claims.getIssueTime() != null) {
      body.put("iat", claims.getIssueTime().getTime() / 1000);
    }
    if (agent != null) {
      body.put("act", Map.of("sub", agent));
    }
    body.values().removeIf(Objects::isNull);
    return body;
  }

  /** The token's scopes less those the user withdrew from this agent since. */
  private String scope(JWTClaimsSet claims, String user, List<String> actors) {
    Object scope = claims.getClaim("scope");
    List<String> scopes = new ArrayList<>(TokenExchangeGrant.Scopes.parse(scope instanceof String s ? s : null));
    if (!actors.isEmpty()) {
      scopes.removeAll(delegations.withdrawnFromAny(user, actors));
    }
    return String.join(" ", scopes);
  }

  private static String actor(JWTClaimsSet claims) {
    return claims.getClaim("act") instanceof Map<?, ?> act && act.get("sub") instanceof String agent ? agent : null;
  }
}
