package dev.crashtest.fakes.identity;

import dev.crashtest.fakes.InjectedFault;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * What an operator does to an identity provider, wherever it runs: {@link IdentityProvider} in this JVM is one,
 * {@link IdentityAdminClient} drives one in another process or container through its operator API ({@code
 * /__crashtest/identity/*}, {@code /__crashtest/faults}), which serves exactly these calls. Every change is
 * published as an event of the provider's.
 *
 * <pre>{@code
 * IdentityAdmin idp = inThisJvm ? identityProvider : IdentityAdminClient.at(direct, issuer);
 * String secret = idp.registerClient("naive-agent");
 * idp.revokeDelegation("alice", "naive-agent");
 * }</pre>
 */
public interface IdentityAdmin {
  /** The issuer as agents reach it (through a proxy, if one is in front): every token's {@code iss}. */
  URI issuer();

  /** The token endpoint on the provider's own socket, past any proxy in front of it. */
  URI directTokenEndpoint();

  /**
   * Registers a client with a new random secret and returns the secret.
   *
   * @throws IllegalStateException if the client is already registered
   */
  String registerClient(String clientId);

  /** Registers a client with a secret of your choice; returns it. */
  String registerClient(String clientId, String secret);

  /** Gives the client a new secret, returned; the old one stops working at once. */
  default String rotateClientSecret(String clientId) {
    return rotateClientSecret(clientId, Duration.ZERO);
  }

  /** Gives the client a new secret, returned; the old one keeps working for {@code grace}. */
  String rotateClientSecret(String clientId, Duration grace);

  /** A user's own access token with the provider's default lifetime, as a task carries it. */
  String issueUserToken(String user, Set<String> scopes);

  /** A user's own access token that lives {@code lifetime}. */
  String issueUserToken(String user, Set<String> scopes, Duration lifetime);

  /** A new signing key signs from now on; the old key is no longer published. Returns the new key id. */
  default String rotateSigningKey() {
    return rotateSigningKey(Duration.ZERO);
  }

  /** A new signing key; the old one stays published for {@code grace}. Returns the new key id. */
  String rotateSigningKey(Duration grace);

  /** The id ({@code kid}) of the key that signs new tokens. */
  String signingKeyId();

  /** Delegated tokens minted from now on live {@code lifetime}; tokens already issued keep theirs. */
  void setDelegatedTokenLifetime(Duration lifetime);

  /** The lifetime of delegated tokens minted now. */
  Duration delegatedTokenLifetime();

  /** The delegated token lifetime the provider started with. */
  Duration defaultDelegatedTokenLifetime();

  /** The user takes back every delegation to the agent: its tokens introspect as inactive. */
  void revokeDelegation(String user, String agentClientId);

  /** Later exchanges for this user and agent no longer grant {@code scope}; introspection drops it too. */
  void withdrawScope(String user, String agentClientId, String scope);

  /** The provider's clock runs {@code offset} ahead (negative: behind); {@code Duration.ZERO} heals. */
  void setClockOffset(Duration offset);

  /** How far the provider's clock runs ahead of the real one. */
  Duration clockOffset();

  /** Applies {@code fault} to the provider's own answers until healed, or for its request limit. */
  InjectedFault inject(IdentityFault fault);
}
