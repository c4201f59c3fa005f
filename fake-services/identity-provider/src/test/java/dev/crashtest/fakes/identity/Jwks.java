package dev.crashtest.fakes.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Verifies tokens the way the CRM does: against the JWKS the identity provider publishes right now. */
final class Jwks {
  private final JWKSet keys;

  private Jwks(JWKSet keys) {
    this.keys = keys;
  }

  static Jwks fetch(TokenClient client, IdentityProvider idp) {
    Map<String, Object> json = client.get(idp.jwksUri()).json();
    try {
      return new Jwks(JWKSet.parse(json));
    } catch (ParseException e) {
      throw new AssertionError("JWKS at [" + idp.jwksUri() + "] is not a JWK set: " + json, e);
    }
  }

  List<String> keyIds() {
    return keys.getKeys().stream().map(JWK::getKeyID).toList();
  }

  /** The claims if the token's signature checks against a published key, else empty. */
  Optional<JWTClaimsSet> verify(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      JWK key = keys.getKeyByKeyId(jwt.getHeader().getKeyID());
      if (key == null || !jwt.verify(new RSASSAVerifier(key.toRSAKey()))) {
        return Optional.empty();
      }
      return Optional.of(jwt.getJWTClaimsSet());
    } catch (ParseException | JOSEException e) {
      throw new AssertionError("token is not a JWT we can check: " + e, e);
    }
  }

  static JWTClaimsSet claims(String token) {
    try {
      return SignedJWT.parse(token).getJWTClaimsSet();
    } catch (ParseException e) {
      throw new AssertionError("token is not a JWT: " + e, e);
    }
  }
}
