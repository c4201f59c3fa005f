package dev.crashtest.fakes.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.admin.AdminException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link IdentityAdminClient} drives a provider over its operator API exactly as the provider's own {@link
 * IdentityAdmin} methods do in its JVM: what the client changes, the provider object shows.
 */
class IdentityAdminClientIT {
  private IdentityProvider idp;
  private IdentityAdmin remote;
  private TokenClient tokens;

  @BeforeEach
  void start() {
    idp = IdentityProviderMain.start(new String[] {"--port", "0", "--public-url", "http://127.0.0.1:41003"});
    remote = IdentityAdminClient.at(idp.baseUrl(), idp.issuer());
    tokens = new TokenClient(remote.directTokenEndpoint());
  }

  @AfterEach
  void stop() {
    idp.close();
  }

  @Test
  void the_client_reaches_the_token_endpoint_past_the_proxy_and_registers_clients_that_authenticate() {
    String secret = remote.registerClient("naive-agent");
    String rotated = remote.rotateClientSecret("naive-agent");

    assertThat(remote.directTokenEndpoint()).as("direct token endpoint")
        .isEqualTo(URI.create(idp.baseUrl() + "/crashtest/token"));
    assertThat(remote.issuer()).as("issuer").isEqualTo(URI.create("http://127.0.0.1:41003/crashtest"));
    assertThat(tokens.clientCredentials("naive-agent", secret, "crm.read").status()).as("old secret, no grace")
        .isEqualTo(401);
    assertThat(tokens.clientCredentials("naive-agent", rotated, "crm.read").status()).as("rotated secret")
        .isEqualTo(200);
  }

  @Test
  void keys_lifetimes_and_the_clock_set_over_http_are_those_the_provider_object_has() {
    String kid = remote.rotateSigningKey(Duration.ofSeconds(5));
    remote.setDelegatedTokenLifetime(Duration.ofSeconds(2));
    remote.setClockOffset(Duration.ofSeconds(30));

    assertThat(kid).as("new key id").isEqualTo(idp.signingKeyId()).isEqualTo(remote.signingKeyId());
    assertThat(remote.delegatedTokenLifetime()).as("lifetime").isEqualTo(Duration.ofSeconds(2))
        .isEqualTo(idp.delegatedTokenLifetime());
    assertThat(remote.defaultDelegatedTokenLifetime()).as("default lifetime")
        .isEqualTo(idp.defaultDelegatedTokenLifetime());
    assertThat(remote.clockOffset()).as("clock offset").isEqualTo(Duration.ofSeconds(30))
        .isEqualTo(idp.clockOffset());
  }

  @Test
  void a_fault_injected_over_http_is_active_in_the_provider_until_healed() {
    InjectedFault fault = remote.inject(IdentityFault.tokenEndpointError(503).forRequests(2));

    assertThat(fault.description()).as("description")
        .isEqualTo("token endpoint answers 503 temporarily_unavailable, next 2 requests");
    assertThat(idp.faults().active()).as("active in the provider").hasSize(1);
    assertThat(fault.active()).as("active").isTrue();

    fault.heal();

    assertThat(idp.faults().active()).as("active in the provider after heal").isEmpty();
    assertThat(fault.active()).as("active after heal").isFalse();
  }

  @Test
  void a_refused_call_names_the_service_the_call_and_the_answer() {
    remote.registerClient("naive-agent");

    assertThatThrownBy(() -> remote.registerClient("naive-agent")).isInstanceOf(AdminException.class)
        .hasMessage("the identity provider refused [POST /__crashtest/identity/clients]: HTTP 409"
            + " {\"error\":\"conflict\",\"message\":\"identity: client [naive-agent] is already registered; to give"
            + " it a new secret call idp.rotateClientSecret(\\\"naive-agent\\\")\"}");
  }
}
