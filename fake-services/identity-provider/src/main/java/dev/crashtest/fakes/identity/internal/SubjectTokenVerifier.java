package dev.crashtest.fakes.identity.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;

/**
 * Checks a token-exchange {@code subject_token} the way a resource server would: signed (RS256) by a key we still
 * publish, issued by us, not expired, not before its {@code nbf}, with a {@code sub}. No clock skew is allowed.
 * Every refusal is an {@code invalid_grant} whose description names the reason but never repeats the token.
 */
public final class SubjectTokenVerifier {
  private final Issuer issuer;
  private final SigningKeys keys;
  private final Clock clock;

  public SubjectTokenVerifier(Issuer issuer, SigningKeys keys, Clock clock) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The verified claims, or an {@link OAuthError} ({@code invalid_grant}) saying why not. */
  public JWTClaimsSet verify(String token) {
    SignedJWT jwt = parse(token);
    verifySignature(jwt);
    JWTClaimsSet claims = claims(jwt);
    verifyClaims(claims);
    return claims;
  }

  private static SignedJWT parse(String token) {
    try {
      return SignedJWT.parse(token);
    } catch (ParseException e) {
      throw OAuthError.invalidGrant("subject_token is not a signed JWT");
    }
  }

  private void verifySignature(SignedJWT jwt) {
    String keyId = jwt.getHeader().getKeyID();
    if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
      throw OAuthError.invalidGrant(
          "subject_token is signed with [" + jwt.getHeader().getAlgorithm() + "]; this issuer signs with [RS256]");
    }
    RSAKey key =
        keys.publishedKey(keyId)
            .orElseThrow(
                () ->
                    OAuthError.invalidGrant(
                        "subject_token is signed by key [" + keyId + "], which this issuer does not publish"
                            + " (a foreign key, or one rotated out)"));
    boolean valid;
    try {
      valid = jwt.verify(new RSASSAVerifier(key));
    } catch (JOSEException e) {
      valid = false;
    }
    if (!valid) {
      throw OAuthError.invalidGrant("subject_token has an invalid signature for key [" + keyId + "]");
    }
  }

  private static JWTClaimsSet claims(SignedJWT jwt) {
    try {
      return jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw OAuthError.invalidGrant("subject_token has no readable claims");
    }
  }

  private void verifyClaims(JWTClaimsSet claims) {
    if (!issuer.value().equals(claims.getIssuer())) {
      throw OAuthError.invalidGrant(
          "subject_token was issued by [" + claims.getIssuer() + "], not by [" + issuer.value() + "]");
    }
    Instant now = clock.instant();
    Date expiry = claims.getExpirationTime();
    if (expiry == null) {
      throw OAuthError.invalidGrant("subject_token has no exp claim");
    }
    if (!expiry.toInstant().isAfter(now)) {
      throw OAuthError.invalidGrant("subject_token expired at [" + expiry.toInstant() + "]");
    }
    Date notBefore = claims.getNotBeforeTime();
    if (notBefore != null && notBefore.toInstant().isAfter(now)) {
      throw OAuthError.invalidGrant("subject_token is not valid before [" + notBefore.toInstant() + "]");
    }
    if (claims.getSubject() == null || claims.getSubject().isBlank()) {
      throw OAuthError.invalidGrant("subject_token has no sub claim");
    }
  }
}
