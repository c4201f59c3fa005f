package dev.crashtest.fakes.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.crashtest.fakes.ServiceEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DelegationKnobsIT {
  private final MutableClock clock = MutableClock.startingNow();
  private final List<ServiceEvent> events = new CopyOnWriteArrayList<>();
  private IdentityProvider idp;
  private TokenClient client;
  private String secret;
  private String userToken;

  @BeforeEach
  void start() {
    idp = IdentityProvider.builder().withClock(clock).withSeed(7).withEventListener(events::add).start();
    client = new TokenClient(idp.tokenEndpoint());
    secret = idp.registerClient("procurement-agent");
    userToken = idp.issueUserToken("alice", Set.of("crm.read", "crm.write"));
  }

  @AfterEach
  void stop() {
    idp.close();
  }

  @Test
  void revoked_delegation_refuses_exchanges_and_introspects_inactive() {
    String delegated = client.exchange("procurement-agent", secret, userToken).string("access_token");
    assertThat(introspect(delegated)).as("before revocation").containsEntry("active", true)
        .containsEntry("sub", "alice").containsEntry("act", Map.of("sub", "procurement-agent"));

    idp.revokeDelegation("alice", "procurement-agent");

    TokenClient.Answer refused = client.exchange("procurement-agent", secret, userToken);
    assertThat(refused.status()).as("status of %s", refused.json()).isEqualTo(400);
    assertThat(refused.json()).containsEntry("error", "invalid_grant").containsEntry("error_description",
        "delegation revoked: user [alice] revoked the delegation to agent [procurement-agent];"
            + " ask the user to delegate again");
    assertThat(introspect(delegated)).as("after revocation").isEqualTo(Map.of("active", false));
    assertThat(events).filteredOn(e -> e.operation().equals(IdentityEvents.REVOKE_DELEGATION)).singleElement()
        .satisfies(e -> assertThat(e.details()).isEqualTo(Map.of("sub", "alice", "act", "procurement-agent")));
    assertThat(events).filteredOn(e -> e.operation().equals(IdentityEvents.INTROSPECT)).last()
        .satisfies(e -> assertThat(e.details()).containsEntry("reason", "delegation_revoked"));
  }

  @Test
  void a_revoked_agent_stays_revoked_through_the_mcp_server_exchanging_on_its_behalf() {
    String mcpSecret = idp.registerClient("mcp-server");
    String agentToken = client.exchange("procurement-agent", secret, userToken).string("access_token");
    String onBehalf = client.exchange("mcp-server", mcpSecret, agentToken).string("access_token");

    idp.revokeDelegation("alice", "procurement-agent");

    TokenClient.Answer refused = client.exchange("mcp-server", mcpSecret, agentToken);
    assertThat(refused.status()).as("status of %s", refused.json()).isEqualTo(400);
    assertThat(refused.json()).containsEntry("error", "invalid_grant").containsEntry("error_description",
        "delegation revoked: user [alice] revoked the delegation to agent [procurement-agent];"
            + " ask the user to delegate again");
    assertThat(introspect(onBehalf)).as("the on-behalf token after revocation").isEqualTo(Map.of("active", false));
  }

  @Test
  void a_scope_withdrawn_from_the_agent_is_not_granted_to_the_mcp_server_on_its_behalf() {
    String mcpSecret = idp.registerClient("mcp-server");
    String agentToken = client.exchange("procurement-agent", secret, userToken).string("access_token");
    idp.withdrawScope("alice", "procurement-agent", "crm.write");

    TokenClient.Answer answer = client.exchange("mcp-server", mcpSecret, agentToken);

    assertThat(answer.status()).as("status of %s", answer.json()).isEqualTo(200);
    assertThat(answer.json()).containsEntry("scope", "crm.read");
  }

  @Test
  void withdrawn_scope_is_no_longer_granted() {
    idp.withdrawScope("alice", "procurement-agent", "crm.write");

    TokenClient.Answer answer = client.exchange("procurement-agent", secret, userToken);

    assertThat(answer.status()).as("status of %s", answer.json()).isEqualTo(200);
    assertThat(answer.json()).containsEntry("scope", "crm.read");
  }

  @Test
  void short_lifetime_applies_to_later_delegated_tokens() {
    idp.setDelegatedTokenLifetime(Duration.ofSeconds(3));

    assertThat(client.exchange("procurement-agent", secret, userToken).json()).containsEntry("expires_in", 3L);
    idp.setDelegatedTokenLifetime(idp.defaultDelegatedTokenLifetime());
    assertThat(client.exchange("procurement-agent", secret, userToken).json()).containsEntry("expires_in", 300L);
  }

  @Test
  void clock_offset_shifts_issued_at() throws Exception {
    idp.setClockOffset(Duration.ofMinutes(10));

    String token = client.exchange("procurement-agent", secret, userToken).string("access_token");

    long skew = SignedJWT.parse(token).getJWTClaimsSet().getIssueTime().toInstant().getEpochSecond()
        - clock.instant().getEpochSecond();
    assertThat(skew).as("iat minus the real now").isBetween(599L, 600L);
  }

  @Test
  void user_tokens_are_for_the_agents_and_the_crm() throws Exception {
    assertThat(SignedJWT.parse(userToken).getJWTClaimsSet().getAudience()).containsExactly("crashtest-agents", "crm");
  }

  @Test
  void introspection_finds_a_token_of_a_withdrawn_key_inactive() {
    String delegated = client.exchange("procurement-agent", secret, userToken).string("access_token");

    idp.rotateSigningKey();

    assertThat(introspect(delegated)).isEqualTo(Map.of("active", false));
  }

  private Map<String, Object> introspect(String token) {
    return client.post(idp.introspectionUri(), null, Map.of("token", token)).json();
  }
}
