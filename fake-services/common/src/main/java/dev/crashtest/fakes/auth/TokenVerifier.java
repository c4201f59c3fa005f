package dev.crashtest.fakes.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks bearer tokens against the identity provider's JWKS: signature, exact issuer, {@code aud} containing
 * the service's audience, {@code exp} with no clock skew, and {@code nbf} with 60 s of leeway (a provider's clock
 * running ahead). On an unknown key id the JWKS is fetched again. Shared by the fakes that are resource servers (the
 * CRM, the stub service); public only for them, not part of any fake's API.
 *
 * <pre>{@code
 * TokenVerifier verifier = new TokenVerifier("crm", "the CRM", issuer, jwksUri, "crm");
 * Caller caller = verifier.verify("Bearer eyJ...");   // or AccessRefusal 401 "token rejected: Expired JWT"
 * }</pre>
 */
public final class TokenVerifier {
  public static final java.time.Duration NOT_BEFORE_LEEWAY = java.time.Duration.ofSeconds(60);
  private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
      JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.ES256);

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final URI jwksUri;
  private final String owner;

  /**
   * @param service the fake's name, first word of a configuration error, e.g. {@code crm}
   * @param owner the fake as a refusal names it, e.g. {@code the CRM}: "issuer [x] is not the CRM's issuer [y]"
   */
  public TokenVerifier(String service, String owner, URI issuer, URI jwksUri, String audience) {
    this.jwksUri = jwksUri;
    this.owner = owner;
    JWKSource<SecurityContext> keys;
    try {
      keys = JWKSourceBuilder.create(jwksUri.toURL()).cache(300_000, 5_000).rateLimited(false).retrying(false)
          .build();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException(service + ": JWKS URI [" + jwksUri + "] is not a URL", e);
    }
    processor.setJWSTypeVerifier(
        new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
    DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(audience),
        new JWTClaimsSet.Builder().issuer(issuer.toString()).build(), Set.of("iss", "aud", "exp"), null);
    claims.setMaxClockSkew(0);
    processor.setJWTClaimsSetVerifier((set, context) -> {
      explain(set, issuer.toString(), audience);
      notBefore(set, owner);
      claims.verify(new JWTClaimsSet.Builder(set).notBeforeTime(null).build(), context);
    });
  }

  /**
   * A provider whose clock runs ahead issues tokens "not before" a moment still in the service's future: accepted up
   * to {@link #NOT_BEFORE_LEEWAY} early, as most resource servers do. Expiry stays exact.
   */
  private static void notBefore(JWTClaimsSet claims, String owner) throws BadJWTException {
    java.util.Date notBefore = claims.getNotBeforeTime();
    if (notBefore != null && notBefore.toInstant().isAfter(java.time.Instant.now().plus(NOT_BEFORE_LEEWAY))) {
      throw new BadJWTException("JWT before use time: not valid before [" + notBefore.toInstant() + "], more than "
          + NOT_BEFORE_LEEWAY.toSeconds() + " s ahead of " + owner + "'s clock; check the identity provider's clock");
    }
  }

  /** Nimbus says only "JWT iss claim value rejected"; say which value and which was expected. */
  private void explain(JWTClaimsSet claims, String issuer, String audience) throws BadJWTException {
    if (claims.getIssuer() != null && !claims.getIssuer().equals(issuer)) {
      throw new BadJWTException("issuer [" + claims.getIssuer() + "] is not " + owner + "'s issuer [" + issuer + "]");
    }
    List<String> audiences = claims.getAudience();
    if (!audiences.isEmpty() && !audiences.contains(audience)) {
      throw new BadJWTException("audience " + audiences + " does not contain [" + audience + "]");
    }
  }

  /** Verifies the {@code Authorization} header's bearer token; throws a 401 (or 503) {@link AccessRefusal}. */
  public Caller verify(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw AccessRefusal.invalidToken("missing bearer token: send the header Authorization: Bearer <access token>");
    }
    String token = authorization.substring(7).trim();
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (KeySourceException e) {
      throw new AccessRefusal(503, "temporarily_unavailable",
          "cannot fetch the identity provider's keys from [" + jwksUri + "]: " + e.getMessage(), Map.of());
    } catch (ParseException | BadJOSEException | JOSEException e) {
      throw AccessRefusal.invalidToken("token rejected: " + e.getMessage());
    }
    return caller(claims);
  }

  private static Caller caller(JWTClaimsSet claims) {
    Object act = claims.getClaim("act");
    String scope = scope(claims.getClaim("scope"));
    if (act instanceof Map<?, ?> actor && actor.get("sub") instanceof String) {
      List<String> actors = actors(actor);
      return new Caller(actors.get(actors.size() - 1), Caller.ACTOR_FROM_ACT, claims.getSubject(), scope,
          claims.getJWTID(), true, actors.subList(0, actors.size() - 1));
    }
    String client = firstString(claims.getClaim("azp"), claims.getClaim("client_id"));
    String source = client == null ? Caller.ACTOR_NONE : Caller.ACTOR_FROM_CLIENT;
    return new Caller(client, source, claims.getSubject(), scope, claims.getJWTID(), act != null);
  }

  /** The {@code act.sub} chain, outermost first: {@code [mcp-server, procurement-agent]}. */
  static List<String> actors(Map<?, ?> act) {
    List<String> actors = new java.util.ArrayList<>();
    Object current = act;
    while (current instanceof Map<?, ?> actor && actor.get("sub") instanceof String sub) {
      actors.add(sub);
      current = actor.get("act");
    }
    return actors;
  }

  private static String scope(Object claim) {
    if (claim instanceof String text) {
      return text;
    }
    if (claim instanceof List<?> list) {
      return String.join(" ", list.stream().map(String::valueOf).toList());
    }
    return null;
  }

  private static String firstString(Object... candidates) {
    for (Object candidate : candidates) {
      if (candidate instanceof String text && !text.isBlank()) {
        return text;
      }
    }
    return null;
  }
}
