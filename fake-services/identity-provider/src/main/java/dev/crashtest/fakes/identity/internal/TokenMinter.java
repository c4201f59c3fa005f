package dev.crashtest.fakes.identity.internal;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Builds and signs the three kinds of token: a user's own token, a client's own token (client_credentials), and a
 * delegated token (token exchange) naming the user as {@code sub} and the agent as {@code act.sub}.
 */
public final class TokenMinter {
  private final Issuer issuer;
  private final SigningKeys keys;
  private final Random random;
  private final Clock clock;

  public TokenMinter(Issuer issuer, SigningKeys keys, Random random, Clock clock) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.random = Objects.requireNonNull(random, "random");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A user's access token: {@code sub}=user, {@code scope}, {@code aud} (all the audiences), {@code jti}, {@code exp}. */
  public MintedToken userToken(String user, Collection<String> scopes, String audience, Duration lifetime) {
    return userToken(user, scopes, List.of(audience), lifetime);
  }

  /** A user's access token for several audiences, e.g. the agents and the CRM. */
  public MintedToken userToken(String user, Collection<String> scopes, List<String> audiences, Duration lifetime) {
    return sign(base(user, scopes, audiences.get(0), lifetime).audience(audiences).build(), lifetime);
  }

  /** A client's own token: {@code sub} = {@code client_id} = the client. */
  public MintedToken clientToken(String clientId, Collection<String> scopes, String audience, Duration lifetime) {
    return sign(base(clientId, scopes, audience, lifetime).claim("client_id", clientId).build(), lifetime);
  }

  /**
   * A delegated token: {@code sub} = the subject token's {@code sub}, {@code act} = {@code {"sub": actor}} (with the
   * subject token's own {@code act} nested inside, as RFC 8693 section 4.1 describes), {@code client_id} = actor.
   */
  public MintedToken delegatedToken(
      JWTClaimsSet subject, String actor, Collection<String> scopes, String audience, Duration lifetime) {
    Map<String, Object> act = new LinkedHashMap<>();
    act.put("sub", actor);
    Object previousActor = subject.getClaim("act");
    if (previousActor != null) {
      act.put("act", previousActor);
    }
    JWTClaimsSet claims =
        base(subject.getSubject(), scopes, audience, lifetime).claim("client_id", actor).claim("act", act).build();
    return sign(claims, lifetime);
  }

  private JWTClaimsSet.Builder base(String subject, Collection<String> scopes, String audience, Duration lifetime) {
    if (lifetime.isNegative()) {
      throw new IllegalArgumentException("identity: token lifetime [" + lifetime + "] must not be negative");
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    return new JWTClaimsSet.Builder()
        .issuer(issuer.value())
        .subject(subject)
        .audience(audience)
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(lifetime.toSeconds())))
        .jwtID(RandomIds.next(random, 16))
        .claim("scope", String.join(" ", scopes));
  }

  private MintedToken sign(JWTClaimsSet claims, Duration lifetime) {
    return new MintedToken(keys.sign(claims), lifetime.toSeconds());
  }
}
