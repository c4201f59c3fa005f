package dev.crashtest.fakes.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registered clients and their secrets. A rotated secret replaces the old one, which keeps working until its grace
 * period ends (zero: it stops at once).
 *
 * <p>Generated secrets start with {@value #SECRET_PREFIX} so a scan for leaked secrets can find them.
 */
public final class ClientRegistry {
  /** Every generated secret starts with this. */
  public static final String SECRET_PREFIX = "ctsec_";

  private record Credentials(String secret, String previous, Instant previousUntil) {}

  private final Map<String, Credentials> clients = new ConcurrentHashMap<>();
  private final Random random;
  private final Clock clock;

  public ClientRegistry(Random random, Clock clock) {
    this.random = Objects.requireNonNull(random, "random");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Registers a client with a new random secret and returns the secret. */
  public String register(String clientId) {
    return register(clientId, newSecret());
  }

  /** Registers a client with the given secret and returns it. */
  public String register(String clientId, String secret) {
    requireText(clientId, "client id");
    requireText(secret, "secret of client [" + clientId + "]");
    if (clients.putIfAbsent(clientId, new Credentials(secret, null, Instant.MIN)) != null) {
      throw new IllegalStateException(
          "identity: client [" + clientId + "] is already registered; to give it a new secret call "
              + "idp.rotateClientSecret(\"" + clientId + "\")");
    }
    return secret;
  }

  /** Gives the client a new random secret; the old one works for {@code grace} more. Returns the new secret. */
  public String rotate(String clientId, Duration grace) {
    if (grace.isNegative()) {
      throw new IllegalArgumentException("identity: grace period [" + grace + "] must not be negative");
    }
    String secret = newSecret();
    Instant until = clock.instant().plus(grace);
    Credentials updated =
        clients.computeIfPresent(clientId, (id, old) -> new Credentials(secret, old.secret(), until));
    if (updated == null) {
      throw new IllegalArgumentException(
          "identity: unknown client [" + clientId + "]; register it first: idp.registerClient(\"" + clientId + "\")");
    }
    return secret;
  }

  public boolean isRegistered(String clientId) {
    return clientId != null && clients.containsKey(clientId);
  }

  /** Whether the secret is the client's current one, or its previous one still in grace. */
  public boolean authenticate(String clientId, String secret) {
    Credentials credentials = clientId == null || secret == null ? null : clients.get(clientId);
    if (credentials == null) {
      return false;
    }
    if (same(credentials.secret(), secret)) {
      return true;
    }
    return credentials.previous() != null
        && clock.instant().isBefore(credentials.previousUntil())
        && same(credentials.previous(), secret);
  }

  private String newSecret() {
    return SECRET_PREFIX + RandomIds.next(random, 24);
  }

  private static boolean same(String expected, String actual) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("identity: " + what + " must not be blank");
    }
  }
}
