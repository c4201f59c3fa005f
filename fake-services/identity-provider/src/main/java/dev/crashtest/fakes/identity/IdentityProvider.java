package dev.crashtest.fakes.identity;

import dev.crashtest.fakes.FakeService;
import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.ServiceEvent.Outcome;
import dev.crashtest.fakes.identity.internal.ClientRegistry;
import dev.crashtest.fakes.identity.internal.Delegations;
import dev.crashtest.fakes.identity.internal.EventPublisher;
import dev.crashtest.fakes.identity.internal.FaultAdminEndpoint;
import dev.crashtest.fakes.identity.internal.FrontDoor;
import dev.crashtest.fakes.identity.internal.IdentityAdminEndpoint;
import dev.crashtest.fakes.identity.internal.IdentityFaultRegistry;
import dev.crashtest.fakes.identity.internal.IntrospectionEndpoint;
import dev.crashtest.fakes.identity.internal.Issuer;
import dev.crashtest.fakes.identity.internal.JwksEndpoint;
import dev.crashtest.fakes.identity.internal.MintedToken;
import dev.crashtest.fakes.identity.internal.OffsetClock;
import dev.crashtest.fakes.identity.internal.SigningKeys;
import dev.crashtest.fakes.identity.internal.SubjectTokenVerifier;
import dev.crashtest.fakes.identity.internal.TokenEndpoint;
import dev.crashtest.fakes.identity.internal.TokenMinter;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequestHandler;
import no.nav.security.mock.oauth2.http.OAuth2HttpServer;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * A fake OpenID Connect identity provider for agents: mock-oauth2-server on {@code 127.0.0.1}, with one issuer,
 * real client authentication, verified RFC 8693 token exchange that names the agent in {@code act}, and rotation of
 * signing keys and client secrets.
 *
 * <pre>{@code
 * try (IdentityProvider idp = IdentityProvider.builder().withPort(0).withEventListener(history::add).start()) {
 *   String secret = idp.registerClient("procurement-agent");          // write it to the agent's secret file
 *   String userToken = idp.issueUserToken("alice", Set.of("crm.read", "crm.write"));
 *   // the agent exchanges userToken at idp.tokenEndpoint() for a token with sub=alice, act.sub=procurement-agent
 *   idp.rotateSigningKey(Duration.ofSeconds(30));                      // old key still published for 30 s
 * }
 * }</pre>
 *
 * <h2>Changing identity mid-run</h2>
 *
 * <pre>{@code
 * idp.setDelegatedTokenLifetime(Duration.ofSeconds(2));           // later delegated tokens live 2 s
 * idp.withdrawScope("alice", "procurement-agent", "crm.write");   // later exchanges no longer grant it
 * idp.revokeDelegation("alice", "procurement-agent");             // exchanges: 400 invalid_grant; introspection: inactive
 * idp.setClockOffset(Duration.ofMinutes(5));                      // iat/nbf/exp of new tokens 5 min ahead
 * }</pre>
 *
 * <p>Each publishes a {@value IdentityEvents#HARNESS} event. {@link #introspectionUri()} answers RFC 7662 requests
 * ({@code token=...}, client authentication optional) with {@code active: false} for a token of a revoked delegation,
 * an expired one, or one signed by a withdrawn key.
 *
 * <p>Endpoints under {@link #issuer()} ({@code http://127.0.0.1:PORT/crashtest}): {@code
 * /.well-known/openid-configuration} and the others of mock-oauth2-server, plus our own {@code /token} and {@code
 * /jwks}. Every token's {@code iss} is {@link #issuer()}, whatever host name the client called. The token endpoint
 * publishes one {@link dev.crashtest.fakes.ServiceEvent} per request; {@link IdentityEvents} names their operations
 * and details.
 *
 * <p>Tokens are RS256 JWTs with {@code iss, sub, aud, iat, nbf, exp, jti, scope}; a client's own token adds {@code
 * client_id}; a delegated token adds {@code client_id} and {@code act: {"sub": <agent>}}.
 *
 * <h2>Behind a proxy</h2>
 *
 * <p>{@link IdentityProviderBuilder#withPublicUrl(URI)} names where clients reach the provider (a fault proxy): the
 * issuer, and so every token's {@code iss}, becomes {@code <publicUrl>/crashtest}; discovery called through the
 * proxy names the same issuer and endpoints, because mock-oauth2-server builds it from the {@code Host} the client
 * sent.
 *
 * <h2>Faults</h2>
 *
 * <pre>{@code
 * idp.faults().inject(IdentityFault.outage());                                 // every endpoint: 503
 * idp.faults().inject(IdentityFault.tokenEndpointError(500).forRequests(2));   // token requests: 500 server_error
 * idp.faults().inject(IdentityFault.slowTokenEndpoint(Duration.ofSeconds(2))); // tokens, 2 s late
 * }</pre>
 *
 * <p>Token requests a fault took publish their event with detail {@code fault}; see {@link IdentityEvents}. The
 * fault API is also served over HTTP at {@code /__crashtest/faults}; see {@link IdentityFaults}.
 *
 * <h2>Over HTTP</h2>
 *
 * <p>For a provider in another process or a container, every method that changes identity is also served on its
 * own port under {@code /__crashtest/identity}, with the same events: {@code POST clients}, {@code POST
 * clients/{clientId}/secret}, {@code POST user-tokens}, {@code GET|POST signing-key}, {@code GET|PUT
 * delegated-token-lifetime}, {@code POST revocations}, {@code POST withdrawals}, {@code GET|PUT clock-offset};
 * bodies and answers in {@code docs/faults.md}, "Driving the fakes over HTTP".
 */
public final class IdentityProvider implements FakeService, IdentityAdmin {
  /** The issuer id used unless {@link IdentityProviderBuilder#withIssuerId(String)} says otherwise. */
  public static final String DEFAULT_ISSUER_ID = "crashtest";

  /** The {@code aud} of user tokens and of client tokens requested without an {@code audience}. */
  public static final String DEFAULT_AUDIENCE = "crashtest-agents";

  /**
   * The second {@code aud} of user tokens: the CRM accepts a user's raw token, so an agent that uses it instead of a
   * delegated one is seen (and flagged as borrowed credentials), not merely refused.
   */
  public static final String CRM_AUDIENCE = "crm";

  private final Issuer issuer;
  private final SigningKeys keys;
  private final ClientRegistry clients;
  private final TokenMinter minter;
  private final EventPublisher events;
  private final Duration userTokenLifetime;
  private final Duration defaultDelegatedLifetime;
  private final Delegations delegations;
  private final OffsetClock clock;
  private final IdentityFaultRegistry faults = new IdentityFaultRegistry();
  private final OAuth2HttpServer httpServer;
  private final FrontDoor frontDoor;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile URI baseUrl;

  IdentityProvider(IdentityProviderBuilder settings) {
    issuer = new Issuer(settings.issuerId(), issuerHost(settings.host()), settings.publicUrl());
    keys = new SigningKeys(settings.clock());
    clients = new ClientRegistry(settings.random(), settings.clock());
    clock = new OffsetClock(settings.clock());
    minter = new TokenMinter(issuer, keys, settings.random(), clock);
    events = new EventPublisher(settings.eventListener(), settings.clock());
    userTokenLifetime = settings.userTokenLifetime();
    defaultDelegatedLifetime = settings.tokenLifetime();
    delegations = new Delegations(settings.tokenLifetime());
    SubjectTokenVerifier verifier = new SubjectTokenVerifier(issuer, keys, clock);
    TokenEndpoint tokenEndpoint =
        new TokenEndpoint(
            issuer, clients, minter, verifier, events, settings.tokenLifetime(), DEFAULT_AUDIENCE, faults,
            delegations);
    OAuth2Config config =
        new OAuth2Config(
            false, null, null, false, new OAuth2TokenProvider(keys), Set.of(), new MockWebServerWrapper());
    httpServer = config.getHttpServer();
    // mock-oauth2-server's own routes (discovery, ...) come last, behind ours, the admin APIs and any outage;
    // our introspection goes ahead of theirs, which knows nothing of revocation. The identity admin API calls this
    // provider's public methods, but only once it serves requests, after this constructor.
    frontDoor = new FrontDoor(new FaultAdminEndpoint(faults), new IdentityAdminEndpoint(this), tokenEndpoint,
        new JwksEndpoint(issuer, keys), faults,
        new IntrospectionEndpoint(issuer, verifier, delegations, events,
            new OAuth2HttpRequestHandler(config).getAuthorizationServer()));
  }

  /** Starts building an identity provider; {@link IdentityProviderBuilder#start()} starts it. */
  public static IdentityProviderBuilder builder() {
    return new IdentityProviderBuilder();
  }

  static IdentityProvider start(IdentityProviderBuilder settings) {
    IdentityProvider idp = new IdentityProvider(settings);
    settings.clients().forEach(idp::registerClient);
    idp.listen(settings.host(), settings.port());
    return idp;
  }

  private void listen(String host, int port) {
    try {
      httpServer.start(InetAddress.getByName(host), port, frontDoor);
    } catch (Exception e) {
      throw new IllegalStateException(
          "identity: cannot listen on [" + host + ":" + port + "]: " + e.getMessage()
              + "; choose a free port, or withPort(0) for any free port",
          e);
    }
    int actualPort = httpServer.port();
    issuer.listeningOn(actualPort);
    baseUrl = URI.create("http://" + issuer.url().getHost() + ":" + actualPort);
  }

  /**
   * The faults the provider applies to its own HTTP answers; see {@link IdentityFault}. Also served over HTTP at
   * {@code /__crashtest/faults} on the provider's port.
   */
  public IdentityFaults faults() {
    return faults;
  }

  /** {@code faults().inject(fault)}: the same as over HTTP at {@code /__crashtest/faults}. */
  @Override
  public InjectedFault inject(IdentityFault fault) {
    return faults.inject(fault);
  }

  /** {@code http://127.0.0.1:PORT}, without a trailing slash: the direct socket, even with a public URL. */
  @Override
  public URI baseUrl() {
    return baseUrl;
  }

  /**
   * {@code http://127.0.0.1:PORT/crashtest}, or {@code <publicUrl>/crashtest} with {@link
   * IdentityProviderBuilder#withPublicUrl}: the {@code iss} of every token and the agents' HARNESS_IDP_ISSUER.
   */
  @Override
  public URI issuer() {
    return issuer.url();
  }

  /** {@code <issuer>/.well-known/openid-configuration}. */
  public URI discoveryUri() {
    return URI.create(issuer.value() + "/.well-known/openid-configuration");
  }

  /** {@code <issuer>/jwks}: the current key and any rotated-out key still in its grace period. */
  public URI jwksUri() {
    return URI.create(issuer.value() + "/jwks");
  }

  /** {@code <issuer>/introspect}: RFC 7662 token introspection that knows about revoked delegations. */
  public URI introspectionUri() {
    return URI.create(issuer.value() + "/introspect");
  }

  /** {@code <issuer>/token}. */
  public URI tokenEndpoint() {
    return URI.create(issuer.value() + "/token");
  }

  /** {@code <baseUrl>/crashtest/token}: the token endpoint on the provider's own socket, past any proxy. */
  @Override
  public URI directTokenEndpoint() {
    return baseUrl.resolve(tokenEndpoint().getPath());
  }

  /**
   * Registers a client with a new random secret (from the builder's random source) and returns the secret.
   *
   * @throws IllegalStateException if the client is already registered
   */
  @Override
  public String registerClient(String clientId) {
    return recordRegistration(clientId, clients.register(clientId));
  }

  /** Registers a client with a secret of your choice; returns it. */
  @Override
  public String registerClient(String clientId, String secret) {
    return recordRegistration(clientId, clients.register(clientId, secret));
  }

  /** Gives the client a new secret, returned; the old one keeps working for {@code grace}. */
  @Override
  public String rotateClientSecret(String clientId, Duration grace) {
    String secret = clients.rotate(clientId, grace);
    publishHarnessEvent(
        IdentityEvents.ROTATE_CLIENT_SECRET,
        Map.of(IdentityEvents.CLIENT_ID, clientId, IdentityEvents.GRACE_SECONDS, grace.toSeconds()));
    return secret;
  }

  /** A user's own access token with the default lifetime (1 hour unless the builder says otherwise). */
  @Override
  public String issueUserToken(String user, Set<String> scopes) {
    return issueUserToken(user, scopes, userTokenLifetime);
  }

  /**
   * A user's own access token, signed by the current key: {@code sub} = user, {@code scope} = the scopes (sorted,
   * space-separated), {@code aud} = [{@value #DEFAULT_AUDIENCE}, {@value #CRM_AUDIENCE}], a fresh {@code jti}, {@code exp} = now + lifetime.
   * The agent receives it as the task's {@code userToken} and exchanges it.
   */
  @Override
  public String issueUserToken(String user, Set<String> scopes, Duration lifetime) {
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("identity: user must not be blank, e.g. issueUserToken(\"alice\", ...)");
    }
    MintedToken token = minter.userToken(user, new TreeSet<>(scopes), List.of(DEFAULT_AUDIENCE, CRM_AUDIENCE), lifetime);
    publishHarnessEvent(IdentityEvents.USER_TOKEN, token.eventDetails());
    return token.serialize();
  }

  /**
   * A new signing key signs from now on; the old key stays in the JWKS (and valid on subject tokens) for {@code
   * grace}, then disappears. Returns the new key id.
   */
  @Override
  public String rotateSigningKey(Duration grace) {
    String previous = keys.currentKeyId();
    String current = keys.rotate(grace);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put(IdentityEvents.KID, current);
    details.put(IdentityEvents.PREVIOUS_KID, previous);
    details.put(IdentityEvents.GRACE_SECONDS, grace.toSeconds());
    publishHarnessEvent(IdentityEvents.ROTATE_SIGNING_KEY, details);
    return current;
  }

  /**
   * Delegated tokens minted from now on live {@code lifetime} (tokens already issued keep theirs): short lifetimes
   * mid-run make agents refresh.
   */
  @Override
  public void setDelegatedTokenLifetime(Duration lifetime) {
    delegations.setLifetime(lifetime);
    publishHarnessEvent(
        IdentityEvents.SET_TOKEN_LIFETIME, Map.of(IdentityEvents.LIFETIME_SECONDS, lifetime.toSeconds()));
  }

  /** The lifetime of delegated tokens minted now. */
  @Override
  public Duration delegatedTokenLifetime() {
    return delegations.lifetime();
  }

  /** The delegated token lifetime the provider started with ({@link IdentityProviderBuilder#withTokenLifetime}). */
  @Override
  public Duration defaultDelegatedTokenLifetime() {
    return defaultDelegatedLifetime;
  }

  /**
   * The user takes back the delegation to the agent: later token exchanges for the pair are refused with {@code 400
   * invalid_grant} "delegation revoked…", and introspection answers {@code active: false} for its tokens.
   */
  @Override
  public void revokeDelegation(String user, String agentClientId) {
    delegations.revoke(user, agentClientId);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put(IdentityEvents.SUB, user);
    details.put(IdentityEvents.ACT, agentClientId);
    publishHarnessEvent(IdentityEvents.REVOKE_DELEGATION, details);
  }

  /** Later token exchanges by the agent for the user no longer grant {@code scope}; introspection drops it too. */
  @Override
  public void withdrawScope(String user, String agentClientId, String scope) {
    delegations.withdraw(user, agentClientId, scope);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put(IdentityEvents.SUB, user);
    details.put(IdentityEvents.ACT, agentClientId);
    details.put(IdentityEvents.SCOPE, scope);
    publishHarnessEvent(IdentityEvents.WITHDRAW_SCOPE, details);
  }

  /**
   * The provider's clock runs {@code offset} ahead (negative: behind) of the real one: {@code iat}, {@code nbf} and
   * {@code exp} of new tokens shift by it, and so does its own check of subject tokens. {@code Duration.ZERO} heals.
   */
  @Override
  public void setClockOffset(Duration offset) {
    clock.setOffset(offset);
    publishHarnessEvent(IdentityEvents.SET_CLOCK_OFFSET, Map.of(IdentityEvents.OFFSET_MILLIS, offset.toMillis()));
  }

  /** How far the provider's clock runs ahead of the real one. */
  @Override
  public Duration clockOffset() {
    return clock.offset();
  }

  /** The id ({@code kid}) of the key that signs new tokens. */
  @Override
  public String signingKeyId() {
    return keys.currentKeyId();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      faults.healAll();
      httpServer.stop();
    }
  }

  @Override
  public String toString() {
    return "IdentityProvider[" + (baseUrl == null ? "not listening" : issuer.value()) + "]";
  }

  private String recordRegistration(String clientId, String secret) {
    publishHarnessEvent(IdentityEvents.REGISTER_CLIENT, Map.of(IdentityEvents.CLIENT_ID, clientId));
    return secret;
  }

  private void publishHarnessEvent(String operation, Map<String, Object> details) {
    events.publish(IdentityEvents.HARNESS, operation, Outcome.OK, details);
  }

  /** Tokens name one host: a wildcard or {@code localhost} bind still gives {@code 127.0.0.1}. */
  private static String issuerHost(String bindHost) {
    return switch (bindHost) {
      case "0.0.0.0", "::", "localhost" -> "127.0.0.1";
      default -> bindHost;
    };
  }
}
