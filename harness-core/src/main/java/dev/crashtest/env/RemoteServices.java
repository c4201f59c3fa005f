package dev.crashtest.env;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.crm.CrmFault;
import dev.crashtest.fakes.identity.IdentityFault;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The service controls of fakes running in containers: their operator APIs over HTTP. */
final class RemoteServices {
  private static final String IDENTITY = "/__crashtest/identity";

  private RemoteServices() {}

  /**
   * @param direct the provider's own socket, e.g. {@code http://127.0.0.1:41003}
   * @param issuer the issuer as agents reach it, through its proxy
   */
  static IdentityService identity(URI direct, URI issuer) {
    AdminClient admin = new AdminClient("the identity provider", direct);
    return new IdentityService() {
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
      public String rotateClientSecret(String clientId) {
        return admin.post(IDENTITY + "/clients/" + clientId + "/secret", Map.of("graceMillis", 0))
            .path("secret").asText();
      }

      @Override
      public String issueUserToken(String user, Set<String> scopes) {
        return admin.post(IDENTITY + "/user-tokens", Map.of("user", user, "scopes", List.copyOf(scopes)))
            .path("token").asText();
      }

      @Override
      public String rotateSigningKey(Duration grace) {
        return admin.post(IDENTITY + "/signing-key", Map.of("graceMillis", grace.toMillis())).path("kid").asText();
      }

      @Override
      public void setDelegatedTokenLifetime(Duration lifetime) {
        admin.put(IDENTITY + "/delegated-token-lifetime", Map.of("millis", lifetime.toMillis()));
      }

      @Override
      public Duration defaultDelegatedTokenLifetime() {
        JsonNode answer = admin.get(IDENTITY + "/delegated-token-lifetime");
        return Duration.ofMillis(answer.path("defaultMillis").asLong());
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
      public InjectedFault inject(IdentityFault fault) {
        return RemoteFault.inject(admin, fault.toWire());
      }
    };
  }

  static CrmService crm(URI direct) {
    AdminClient admin = new AdminClient("the CRM", direct);
    Map<String, URI> workloads = new ConcurrentHashMap<>();
    return new CrmService() {
      @Override
      public URI workloadUrl(String agent) {
        return workloads.computeIfAbsent(agent, name -> URI.create(
            admin.post("/__crashtest/workloads", Map.of("agent", name)).path("url").asText()));
      }

      @Override
      public InjectedFault inject(CrmFault fault) {
        return RemoteFault.inject(admin, fault.toWire());
      }
    };
  }

  static ModelService model(URI direct) {
    AdminClient admin = new AdminClient("the model endpoint", direct);
    return fault -> RemoteFault.inject(admin, new LinkedHashMap<>(fault.toWire()));
  }
}
