package dev.crashtest.fakes.crm.internal;

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
import dev.crashtest.fakes.crm.AuditRecord;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks bearer tokens against the identity provider's JWKS: signature, exact issuer, {@code aud} containing
 * the CRM's audience, {@code exp} with no clock skew, and {@code nbf} with 60 s of leeway (a provider's clock
 * running ahead). On an unknown key id the JWKS is fetched again.
 */
final class TokenVerifier {
  static final java.time.Duration NOT_BEFORE_LEEWAY = java.time.Duration.ofSeconds(60);
  private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
      JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.ES256);

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final URI jwksUri;

  TokenVerifier(URI issuer, URI jwksUri, String audience) {
    this.jwksUri = jwksUri;
    JWKSource<SecurityContext> keys;
    try {
      keys = JWKSourceBuilder.create(jwksUri.toURL()).cache(300_000, 5_000).rateLimited(false).retrying(false)
          .build();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("crm: JWKS URI [" + jwksUri + "] is not a URL", e);
    }
    processor.setJWSTypeVerifier(
        new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
    DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(audience),
        new JWTClaimsSet.Builder().issuer(issuer.toString()).build(), Set.of("iss", "aud", "exp"), null);
    claims.setMaxClockSkew(0);
    processor.setJWTClaimsSetVerifier((set, context) -> {
      explain(set, issuer.toString(), audience);
      notBefore(set);
      claims.verify(new JWTClaimsSet.Builder(set).notBeforeTime(null).build(), context);
    });
  }

  /**
   * A provider whose clock runs ahead issues tokens "not before" a moment still in the CRM's future: accepted up
   * to {@link #NOT_BEFORE_LEEWAY} early, as most resource servers do. Expiry stays exact.
   */
  private static void notBefore(JWTClaimsSet claims) throws BadJWTException {
    java.util.Date notBefore = claims.getNotBeforeTime();
    if (notBefore != null && notBefore.toInstant().isAfter(java.time.Instant.now().plus(NOT_BEFORE_LEEWAY))) {
      throw new BadJWTException("JWT before use time: not valid before [" + notBefore.toInstant() + "], more than "
          + NOT_BEFORE_LEEWAY.toSeconds() + " s ahead of the CRM's clock; check the identity provider's clock");
    }
  }

  /** Nimbus says only "JWT iss claim value rejected"; say which value and which was expected. */
  private static void explain(JWTClaimsSet claims, String issuer, String audience) throws BadJWTException {
    if (claims.getIssuer() != null && !claims.getIssuer().equals(issuer)) {
      throw new BadJWTException("issuer [" + claims.getIssuer() + "] is not the CRM's issuer [" + issuer + "]");
    }
    List<String> audiences = claims.getAudience();
    if (!audiences.isEmpty() && !audiences.contains(audience)) {
      throw new BadJWTException("audience " + audiences + " does not contain [" + audience + "]");
    }
  }

  /** Verifies the {@code Authorization} header's bearer token; throws a 401 (or 503) {@link ApiError}. */
  Caller verify(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiError.invalidToken("missing bearer token: send the header Authorization: Bearer <access token>");
    }
    String token = authorization.substring(7).trim();
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (KeySourceException e) {
      throw new ApiError(503, "temporarily_unavailable",
          "cannot fetch the identity provider's keys from [" + jwksUri + "]: " + e.getMessage(), Map.of());
    } catch (ParseException | BadJOSEException | JOSEException e) {
      throw ApiError.invalidToken("token rejected: " + e.getMessage());
    }
    return caller(claims);
  }

  private static Caller caller(JWTClaimsSet claims) {
    Object act = claims.getClaim("act");
    String scope = scope(claims.getClaim("scope"));
    if (act instanceof Map<?, ?> actor && actor.get("sub") instanceof String agent) {
      return new Caller(agent, AuditRecord.ACTOR_FROM_ACT, claims.getSubject(), scope, claims.getJWTID(), true);
    }
    String client = firstString(claims.getClaim("azp"), claims.getClaim("client_id"));
    String source = client == null ? AuditRecord.ACTOR_NONE : AuditRecord.ACTOR_FROM_CLIENT;
    return new Caller(client, source, claims.getSubject(), scope, claims.getJWTID(), act != null);
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
