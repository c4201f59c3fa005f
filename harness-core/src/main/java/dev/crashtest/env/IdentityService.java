package dev.crashtest.env;

import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.identity.IdentityFault;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * What the harness does to the identity provider, wherever it runs: in this JVM (Java calls) or in a container
 * (its admin API over HTTP). Every change is an op in the history, as the provider records it.
 *
 * <pre>{@code
 * String secret = env.identity().registerClient("my-agent");
 * env.identity().revokeDelegation("alice", "my-agent");
 * }</pre>
 */
public interface IdentityService {
  /** The issuer as agents reach it (through its proxy): every token's {@code iss}. */
  URI issuer();

  /** The token endpoint on the provider's own socket, past its proxy: for the harness's own exchanges. */
  URI directTokenEndpoint();

  /** Registers a client and returns its new secret. */
  String registerClient(String clientId);

  /** A new secret for the client, returned; the old one stops working at once. */
  String rotateClientSecret(String clientId);

  /** A user's own access token, as a task carries it. */
  String issueUserToken(String user, Set<String> scopes);

  /** A new signing key; the old one stays published for {@code grace}. Returns the new key id. */
  String rotateSigningKey(Duration grace);

  void setDelegatedTokenLifetime(Duration lifetime);

  Duration defaultDelegatedTokenLifetime();

  /** The user takes back every delegation to the agent: its tokens introspect as inactive. */
  void revokeDelegation(String user, String agentClientId);

  /** Later exchanges for this user and agent no longer grant {@code scope}; introspection drops it too. */
  void withdrawScope(String user, String agentClientId, String scope);

  /** The provider's clock runs {@code offset} ahead (negative: behind). */
  void setClockOffset(Duration offset);

  /** Applies a fault to the provider's own answers until healed. */
  InjectedFault inject(IdentityFault fault);
}
