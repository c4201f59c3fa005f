package dev.crashtest.fakes.identity;

import dev.crashtest.fakes.ServiceEventListener;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Settings of an {@link IdentityProvider}; {@link #start()} starts it. Every setting has a default.
 *
 * <pre>{@code
 * IdentityProvider idp = IdentityProvider.builder()
 *     .withPort(0)                                  // any free port (default)
 *     .withRandom(new Random(seed))                 // reproducible secrets and jtis
 *     .withTokenLifetime(Duration.ofSeconds(30))    // delegated and client tokens
 *     .withClient("procurement-agent", "s3cret")
 *     .withEventListener(history::add)
 *     .start();
 * }</pre>
 */
public final class IdentityProviderBuilder {
  private String host = "127.0.0.1";
  private int port;
  private String issuerId = IdentityProvider.DEFAULT_ISSUER_ID;
  private URI publicUrl;
  private ServiceEventListener eventListener = ServiceEventListener.NONE;
  private Random random;
  private Clock clock = Clock.systemUTC();
  private Duration tokenLifetime = Duration.ofSeconds(300);
  private Duration userTokenLifetime = Duration.ofHours(1);
  private final Map<String, String> clients = new LinkedHashMap<>();

  IdentityProviderBuilder() {}

  /** The address to bind, default {@code 127.0.0.1}. Tokens name {@code 127.0.0.1} for a wildcard bind. */
  public IdentityProviderBuilder withHost(String host) {
    this.host = Objects.requireNonNull(host, "host");
    return this;
  }

  /** The TCP port, default 0: any free port. */
  public IdentityProviderBuilder withPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("identity: port [" + port + "] is not 0-65535; use withPort(0) for any");
    }
    this.port = port;
    return this;
  }

  /** The issuer's path segment, default {@value IdentityProvider#DEFAULT_ISSUER_ID}. */
  public IdentityProviderBuilder withIssuerId(String issuerId) {
    if (issuerId == null || !issuerId.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "identity: issuer id [" + issuerId + "] must be letters, digits, '.', '_' or '-', e.g. \"crashtest\"");
    }
    this.issuerId = issuerId;
    return this;
  }

  /**
   * Where clients reach the provider, when that is not its own socket: typically a fault proxy in front of it,
   * e.g. {@code http://127.0.0.1:41003}. Tokens' {@code iss} then become {@code <publicUrl>/<issuerId>}, which
   * {@link IdentityProvider#issuer()} returns and subject tokens must carry; {@link IdentityProvider#discoveryUri()},
   * {@link IdentityProvider#tokenEndpoint()} and {@link IdentityProvider#jwksUri()} name the public URL too, while
   * {@link IdentityProvider#baseUrl()} stays the direct socket. The discovery document reflects the {@code Host} a
   * client called, so called through the proxy it names the public URL.
   *
   * @param publicUrl an {@code http} or {@code https} URL with a host and port, without path, query or fragment
   */
  public IdentityProviderBuilder withPublicUrl(URI publicUrl) {
    Objects.requireNonNull(publicUrl, "publicUrl");
    String path = publicUrl.getRawPath();
    boolean http = "http".equals(publicUrl.getScheme()) || "https".equals(publicUrl.getScheme());
    if (!http || publicUrl.getHost() == null || publicUrl.getPort() < 0 || (path != null && !path.isEmpty()
        && !path.equals("/")) || publicUrl.getRawQuery() != null || publicUrl.getRawFragment() != null) {
      throw new IllegalArgumentException("identity: public URL [" + publicUrl + "] must be http(s)://host:port"
          + " without path, query or fragment, e.g. http://127.0.0.1:41003 (the issuer id is appended)");
    }
    this.publicUrl = URI.create(publicUrl.getScheme() + "://" + publicUrl.getRawAuthority());
    return this;
  }

  /** Receives every event, on the thread that served the request. */
  public IdentityProviderBuilder withEventListener(ServiceEventListener eventListener) {
    this.eventListener = Objects.requireNonNull(eventListener, "eventListener");
    return this;
  }

  /** The random source of client secrets and {@code jti}s; default a {@link SecureRandom}. */
  public IdentityProviderBuilder withRandom(Random random) {
    this.random = Objects.requireNonNull(random, "random");
    return this;
  }

  /** The same as {@code withRandom(new Random(seed))}. */
  public IdentityProviderBuilder withSeed(long seed) {
    return withRandom(new Random(seed));
  }

  /** The clock of {@code iat}/{@code exp}, of expiry checks and of grace periods; default the system clock. */
  public IdentityProviderBuilder withClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Lifetime of delegated and client tokens, default 300 s. */
  public IdentityProviderBuilder withTokenLifetime(Duration lifetime) {
    this.tokenLifetime = positive(lifetime, "token lifetime");
    return this;
  }

  /** Default lifetime of user tokens, default 1 hour. */
  public IdentityProviderBuilder withUserTokenLifetime(Duration lifetime) {
    this.userTokenLifetime = positive(lifetime, "user token lifetime");
    return this;
  }

  /** Registers a client with a known secret at start. */
  public IdentityProviderBuilder withClient(String clientId, String secret) {
    clients.put(Objects.requireNonNull(clientId, "clientId"), Objects.requireNonNull(secret, "secret"));
    return this;
  }

  /** Starts the server; it listens when this returns. */
  public IdentityProvider start() {
    return IdentityProvider.start(this);
  }

  String host() {
    return host;
  }

  int port() {
    return port;
  }

  String issuerId() {
    return issuerId;
  }

  URI publicUrl() {
    return publicUrl;
  }

  ServiceEventListener eventListener() {
    return eventListener;
  }

  Random random() {
    if (random == null) {
      random = new SecureRandom();
    }
    return random;
  }

  Clock clock() {
    return clock;
  }

  Duration tokenLifetime() {
    return tokenLifetime;
  }

  Duration userTokenLifetime() {
    return userTokenLifetime;
  }

  Map<String, String> clients() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(clients));
  }

  private static Duration positive(Duration lifetime, String what) {
    if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("identity: " + what + " [" + lifetime + "] must be positive");
    }
    return lifetime;
  }
}
