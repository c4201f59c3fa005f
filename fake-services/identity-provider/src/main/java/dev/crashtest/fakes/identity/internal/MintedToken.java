package dev.crashtest.fakes.identity.internal;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A token we signed, with what an event may say about it. The serialized token itself never goes into an event.
 *
 * @param jwt the signed token
 * @param lifetimeSeconds {@code exp - iat}, the {@code expires_in} of the answer
 */
public record MintedToken(SignedJWT jwt, long lifetimeSeconds) {

  public String serialize() {
    return jwt.serialize();
  }

  public JWTClaimsSet claims() {
    try {
      return jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new IllegalStateException("identity: a token we signed has unreadable claims", e);
    }
  }

  /** The space-separated {@code scope} claim, or null. */
  public String scope() {
    return (String) claims().getClaim("scope");
  }

  /** Event details: sub, act, scope, aud, jti, kid, expiresAt (only those present). */
  public Map<String, Object> eventDetails() {
    JWTClaimsSet claims = claims();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put(EventKeys.SUB, claims.getSubject());
    Object act = claims.getClaim("act");
    if (act instanceof Map<?, ?> actor) {
      details.put(EventKeys.ACT, actor.get("sub"));
    }
    details.put(EventKeys.SCOPE, scope());
    List<String> audience = claims.getAudience();
    details.put(EventKeys.AUD, audience.isEmpty() ? null : String.join(" ", audience));
    details.put(EventKeys.JTI, claims.getJWTID());
    details.put(EventKeys.KID, jwt.getHeader().getKeyID());
    details.put(EventKeys.EXPIRES_AT, claims.getExpirationTime().toInstant().toString());
    return details;
  }
}
