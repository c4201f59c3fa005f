package dev.crashtest.env;

import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.crm.CrmFault;
import dev.crashtest.fakes.crm.CrmServer;
import dev.crashtest.fakes.identity.IdentityFault;
import dev.crashtest.fakes.identity.IdentityProvider;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

/** The service controls of an embedded environment: plain Java calls on the fakes in this JVM. */
final class EmbeddedServices {
  private EmbeddedServices() {}

  static IdentityService identity(IdentityProvider idp) {
    return new IdentityService() {
      @Override
      public URI issuer() {
        return idp.issuer();
      }

      @Override
      public URI directTokenEndpoint() {
        return idp.baseUrl().resolve(idp.tokenEndpoint().getPath());
      }

      @Override
      public String registerClient(String clientId) {
        return idp.registerClient(clientId);
      }

      @Override
      public String rotateClientSecret(String clientId) {
        return idp.rotateClientSecret(clientId);
      }

      @Override
      public String issueUserToken(String user, Set<String> scopes) {
        return idp.issueUserToken(user, scopes);
      }

      @Override
      public String rotateSigningKey(Duration grace) {
        return idp.rotateSigningKey(grace);
      }

      @Override
      public void setDelegatedTokenLifetime(Duration lifetime) {
        idp.setDelegatedTokenLifetime(lifetime);
      }

      @Override
      public Duration defaultDelegatedTokenLifetime() {
        return idp.defaultDelegatedTokenLifetime();
      }

      @Override
      public void revokeDelegation(String user, String agentClientId) {
        idp.revokeDelegation(user, agentClientId);
      }

      @Override
      public void withdrawScope(String user, String agentClientId, String scope) {
        idp.withdrawScope(user, agentClientId, scope);
      }

      @Override
      public void setClockOffset(Duration offset) {
        idp.setClockOffset(offset);
      }

      @Override
      public InjectedFault inject(IdentityFault fault) {
        return idp.faults().inject(fault);
      }
    };
  }

  static CrmService crm(CrmServer crm) {
    return new CrmService() {
      @Override
      public URI workloadUrl(String agent) {
        return crm.workloadUrl(agent);
      }

      @Override
      public InjectedFault inject(CrmFault fault) {
        return crm.faults().inject(fault);
      }
    };
  }
}
