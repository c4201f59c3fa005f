package dev.crashtest.fakes.identity.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What users have taken back from agents, and how long delegated tokens live: a revoked (user, agent) pair gets no
 * more delegated tokens and its tokens introspect as inactive; a withdrawn scope is no longer granted to that pair.
 */
public final class Delegations {
  private final Set<String> revoked = ConcurrentHashMap.newKeySet();
  private final Map<String, Set<String>> withdrawn = new ConcurrentHashMap<>();
  private volatile Duration lifetime;

  public Delegations(Duration lifetime) {
    this.lifetime = requireLifetime(lifetime);
  }

  /** The lifetime of delegated tokens minted from now on. */
  public Duration lifetime() {
    return lifetime;
  }

  public void setLifetime(Duration lifetime) {
    this.lifetime = requireLifetime(lifetime);
  }

  public void revoke(String user, String agent) {
    revoked.add(pair(user, agent));
  }

  public boolean isRevoked(String user, String agent) {
    return user != null && agent != null && revoked.contains(pair(user, agent));
  }

  public void withdraw(String user, String agent, String scope) {
    if (scope == null || scope.isBlank()) {
      throw new IllegalArgumentException("identity: scope to withdraw must not be blank, e.g. \"crm.write\"");
    }
    withdrawn.computeIfAbsent(pair(user, agent), key -> ConcurrentHashMap.newKeySet()).add(scope);
  }

  /**
   * The first of {@code agents} whose delegation from {@code user} is revoked, or null: a token exchanged on an
   * agent's behalf (by the MCP server) is refused when the user revoked the agent, not only the exchanging client.
   */
  public String revokedAmong(String user, java.util.Collection<String> agents) {
    return agents.stream().filter(agent -> isRevoked(user, agent)).findFirst().orElse(null);
  }

  /** The scopes withdrawn from any of {@code agents} by {@code user}, sorted. */
  public Set<String> withdrawnFromAny(String user, java.util.Collection<String> agents) {
    Set<String> scopes = new TreeSet<>();
    agents.forEach(agent -> scopes.addAll(withdrawn(user, agent)));
    return scopes;
  }

  /** The scopes withdrawn from this pair, sorted; empty if none. */
  public Set<String> withdrawn(String user, String agent) {
    Set<String> scopes = user == null || agent == null ? null : withdrawn.get(pair(user, agent));
    return scopes == null ? Set.of() : new TreeSet<>(scopes);
  }

  private static String pair(String user, String agent) {
    if (user == null || user.isBlank() || agent == null || agent.isBlank()) {
      throw new IllegalArgumentException(
          "identity: a delegation names a user and an agent client id, e.g. (\"alice\", \"procurement-agent\");"
              + " got [" + user + "] and [" + agent + "]");
    }
    return user + '\u0000' + agent;
  }

  private static Duration requireLifetime(Duration lifetime) {
    Objects.requireNonNull(lifetime, "lifetime");
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException(
          "identity: delegated token lifetime [" + lifetime + "] must be positive, e.g. Duration.ofSeconds(5)");
    }
    return lifetime;
  }
}
