package dev.crashtest.fakes.identity.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import no.nav.security.mock.oauth2.token.KeyProvider;

/**
 * The RSA keys of the issuer: one current key that signs, plus keys retired with a grace period that are still
 * published (and still accepted on subject tokens) until their grace ends.
 *
 * <p>It is a {@link KeyProvider}, so mock-oauth2-server's own endpoints (introspection, userinfo) see the same keys.
 * Key ids are RFC 7638 thumbprints: a new key never reuses an old key's id, even across restarts.
 */
public final class SigningKeys extends KeyProvider {
  private record Retired(RSAKey key, Instant publishedUntil) {}

  private final Clock clock;
  private final List<Retired> retired = new ArrayList<>();
  private RSAKey current;

  public SigningKeys(Clock clock) {
    super(List.of(), JWSAlgorithm.RS256.getName());
    this.clock = Objects.requireNonNull(clock, "clock");
    this.current = generate();
  }

  /** The id of the key that signs new tokens. */
  public synchronized String currentKeyId() {
    return current.getKeyID();
  }

  /**
   * A new key signs from now on; the old one stays published for {@code grace} (zero: dropped at once).
   *
   * @return the new key's id
   */
  public String rotate(Duration grace) {
    if (grace.isNegative()) {
      throw new IllegalArgumentException("identity: grace period [" + grace + "] must not be negative");
    }
    RSAKey next = generate();
    synchronized (this) {
      if (!grace.isZero()) {
        retired.add(new Retired(current, clock.instant().plus(grace)));
      }
      current = next;
      return current.getKeyID();
    }
  }

  /** The public keys a verifier may use right now: the current key first, then those still in grace. */
  public synchronized JWKSet publicKeys() {
    Instant now = clock.instant();
    retired.removeIf(r -> !r.publishedUntil().isAfter(now));
    List<JWK> keys = new ArrayList<>();
    keys.add(current.toPublicJWK());
    retired.forEach(r -> keys.add(r.key().toPublicJWK()));
    return new JWKSet(keys);
  }

  /** The published public key with this id, if any. */
  public Optional<RSAKey> publishedKey(String keyId) {
    JWK key = keyId == null ? null : publicKeys().getKeyByKeyId(keyId);
    return key instanceof RSAKey rsa ? Optional.of(rsa) : Optional.empty();
  }

  /** Signs the claims with the current key, header {@code {"alg":"RS256","typ":"JWT","kid":...}}. */
  public SignedJWT sign(JWTClaimsSet claims) {
    RSAKey key;
    synchronized (this) {
      key = current;
    }
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("identity: cannot sign a token with key [" + key.getKeyID() + "]", e);
    }
    return jwt;
  }

  /** mock-oauth2-server asks for the key of an issuer id; every issuer id gets our current key. */
  @Override
  public synchronized JWK signingKey(String issuerId) {
    return current;
  }

  @Override
  public List<JWK> get(JWKSelector selector, SecurityContext context) {
    return selector == null ? new ArrayList<>() : new ArrayList<>(selector.select(publicKeys()));
  }

  private static RSAKey generate() {
    try {
      RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
      return new RSAKey.Builder(key).keyIDFromThumbprint().build();
    } catch (JOSEException e) {
      throw new IllegalStateException("identity: cannot generate an RSA signing key", e);
    }
  }
}
