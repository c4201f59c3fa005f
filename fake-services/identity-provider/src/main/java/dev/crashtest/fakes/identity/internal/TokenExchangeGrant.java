package dev.crashtest.fakes.identity.internal;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.crashtest.fakes.identity.IdentityEvents;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * RFC 8693 token exchange: the authenticated client (the agent) trades the user's verified token for a delegated
 * token. {@code sub} stays the user, {@code act.sub} becomes the agent, {@code aud} is the requested audience and
 * {@code scope} the requested scopes that the user's token also holds, less any the user withdrew from this agent.
 * A revoked delegation is refused with {@code invalid_grant}.
 *
 * <p>On behalf of: a subject token that is itself delegated ({@code act} = the agent) may be exchanged again by
 * another registered client (the MCP server, client {@code mcp-server}); the new token nests the actors, {@code act =
 * {"sub": "mcp-server", "act": {"sub": "<agent>"}}}, and what the user revoked or withdrew from <em>any</em> actor in
 * that chain binds it, so the agent cannot escape a revocation by going through the MCP server.
 */
final class TokenExchangeGrant {
  private final SubjectTokenVerifier verifier;
  private final TokenMinter minter;
  private final Delegations delegations;

  TokenExchangeGrant(SubjectTokenVerifier verifier, TokenMinter minter, Delegations delegations) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.minter = Objects.requireNonNull(minter, "minter");
    this.delegations = Objects.requireNonNull(delegations, "delegations");
  }

  MintedToken exchange(TokenRequestForm form, String actor, Map<String, Object> details) {
    String subjectToken = form.require("subject_token", "<the user's access token>");
    String type = form.require("subject_token_type", IdentityEvents.JWT_TOKEN_TYPE);
    if (!IdentityEvents.JWT_TOKEN_TYPE.equals(type) && !IdentityEvents.ACCESS_TOKEN_TYPE.equals(type)) {
      throw OAuthError.invalidRequest(
          "subject_token_type [" + type + "] is not supported; send [" + IdentityEvents.JWT_TOKEN_TYPE + "]");
    }
    String audience = form.require("audience", "crm");
    details.put(EventKeys.AUD, audience);
    JWTClaimsSet subject = verifier.verify(subjectToken);
    details.put(EventKeys.SUB, subject.getSubject());
    String user = subject.getSubject();
    List<String> actors = new ArrayList<>(List.of(actor));
    actors.addAll(ActorChain.of(subject.getClaim("act")));
    String revoked = delegations.revokedAmong(user, actors);
    if (revoked != null) {
      throw OAuthError.invalidGrant(
          "delegation revoked: user [" + user + "] revoked the delegation to agent [" + revoked + "];"
              + " ask the user to delegate again");
    }
    List<String> allowed = new ArrayList<>(userScopes(subject));
    allowed.removeAll(delegations.withdrawnFromAny(user, actors));
    List<String> granted = narrow(Scopes.parse(form.get("scope")), allowed, user);
    return minter.delegatedToken(subject, actor, granted, audience, delegations.lifetime());
  }

  /** The requested scopes the user holds, in request order; all the user's scopes if none was requested. */
  private static List<String> narrow(List<String> requested, List<String> allowed, String user) {
    if (requested.isEmpty()) {
      return allowed;
    }
    List<String> granted = new ArrayList<>(requested);
    granted.retainAll(allowed);
    if (granted.isEmpty()) {
      throw OAuthError.invalidScope(
          "user [" + user + "] holds none of the requested scopes " + requested + "; the token allows " + allowed);
    }
    return granted;
  }

  private static List<String> userScopes(JWTClaimsSet subject) {
    Object scope = subject.getClaim("scope");
    if (scope instanceof String text) {
      return Scopes.parse(text);
    }
    if (scope instanceof Collection<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of();
  }

  /** Space-separated scope strings. */
  static final class Scopes {
    private Scopes() {}

    static List<String> parse(String scope) {
      if (scope == null || scope.isBlank()) {
        return List.of();
      }
      return Arrays.stream(scope.trim().split("\\s+")).distinct().toList();
    }
  }
}
