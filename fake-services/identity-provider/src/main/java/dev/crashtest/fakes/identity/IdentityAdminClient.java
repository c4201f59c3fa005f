package dev.crashtest.fakes.identity;

import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.admin.AdminClient;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link IdentityAdmin} of a provider in another process or container, over its operator API. A call the
 * provider refuses or that cannot reach it throws an {@link dev.crashtest.fakes.admin.AdminException} naming the
 * call and the answer.
 *
 * <pre>{@code
 * IdentityAdmin idp = IdentityAdminClient.at(URI.create("http://127.0.0.1:41003"),
 *     URI.create("http://127.0.0.1:42003/crashtest"));
 * idp.withdrawScope("alice", "naive-agent", "crm.write");
 * }</pre>
 */
public final class IdentityAdminClient implements IdentityAdmin {
  private static final String IDENTITY = "/__crashtest/identity";

  private final AdminClient admin;
  private final URI direct;
  private final URI issuer;

  private IdentityAdminClient(AdminClient admin, URI direct, URI issuer) {
    this.admin = admin;
    this.direct = direct;
    this.issuer = issuer;
  }

  /**
   * The admin of the provider whose own socket is {@code direct} (e.g. {@code http://127.0.0.1:41003}) and whose
   * issuer, as agents reach it, is {@code issuer}.
   */
  public static IdentityAdminClient at(URI direct, URI issuer) {
    return new IdentityAdminClient(AdminClient.to("the identity provider", direct), direct, issuer);
  }

  @Override
  public URI issuer() {
    return issuer;
  }

  @Override
  public URI directTokenEndpoint() {
    return direct.resolve(issuer.getPath() + "/token");
  }

  @Override
  public String registerClient(String clientId) {
    return admin.post(IDENTITY + "/clients", Map.of("clientId", clientId)).path("secret").asText();
  }

  @Override
  public String registerClient(String clientId, String secret) {
    return admin.post(IDENTITY + "/clients", Map.of("clientId", clientId, "secret", secret)).path("secret")
        .asText();
  }

  @Override
  public String rotateClientSecret(String clientId, Duration grace) {
    return admin.post(IDENTITY + "/clients/" + clientId + "/secret", Map.of("graceMillis", grace.toMillis()))
        .path("secret").asText();
  }

  @Override
  public String issueUserToken(String user, Set<String> scopes) {
    return admin.post(IDENTITY + "/user-tokens", Map.of("user", user, "scopes", List.copyOf(scopes)))
        .path("token").asText();
  }

  @Override
  public String issueUserToken(String user, Set<String> scopes, Duration lifetime) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("user", user);
    body.put("scopes", List.copyOf(scopes));
    body.put("lifetimeMillis", lifetime.toMillis());
    return admin.post(IDENTITY + "/user-tokens", body).path("token").asText();
  }

  @Override
  public String rotateSigningKey(Duration grace) {
    return admin.post(IDENTITY + "/signing-key", Map.of("graceMillis", grace.toMillis())).path("kid").asText();
  }

  @Override
  public String signingKeyId() {
    return admin.get(IDENTITY + "/signing-key").path("kid").asText();
  }

  @Override
  public void setDelegatedTokenLifetime(Duration lifetime) {
    admin.put(IDENTITY + "/delegated-token-lifetime", Map.of("millis", lifetime.toMillis()));
  }

  @Override
  public Duration delegatedTokenLifetime() {
    return Duration.ofMillis(admin.get(IDENTITY + "/delegated-token-lifetime").path("millis").asLong());
  }

  @Override
  public Duration defaultDelegatedTokenLifetime() {
    return Duration.ofMillis(admin.get(IDENTITY + "/delegated-token-lifetime").path("defaultMillis").asLong());
  }

  @Override
  public void revokeDelegation(String user, String agentClientId) {
    admin.post(IDENTITY + "/revocations", Map.of("user", user, "agent", agentClientId));
  }

  @Override
  public void withdrawScope(String user, String agentClientId, String scope) {
    admin.post(IDENTITY + "/withdrawals", Map.of("user", user, "agent", agentClientId, "scope", scope));
  }

  @Override
  public void setClockOffset(Duration offset) {
    admin.put(IDENTITY + "/clock-offset", Map.of("millis", offset.toMillis()));
  }

  @Override
  public Duration clockOffset() {
    return Duration.ofMillis(admin.get(IDENTITY + "/clock-offset").path("millis").asLong());
  }

  @Override
  public InjectedFault inject(IdentityFault fault) {
    return admin.injectFault(fault.toWire());
  }
}
