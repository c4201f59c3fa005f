package dev.crashtest.fakes.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.crashtest.fakes.ServiceEvent;
import dev.crashtest.fakes.ServiceEvent.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventsIT {
  private final List<ServiceEvent> events = new CopyOnWriteArrayList<>();
  private IdentityProvider idp;
  private TokenClient client;

  @BeforeEach
  void start() {
    idp = IdentityProvider.builder().withEventListener(events::add).withSeed(3).start();
    client = new TokenClient(idp.tokenEndpoint());
  }

  @AfterEach
  void stop() {
    idp.close();
  }

  @Test
  void token_exchange_event_names_user_agent_scope_audience_and_jti() {
    String secret = idp.registerClient("procurement-agent");
    String userToken = idp.issueUserToken("alice", Set.of("crm.read", "crm.write"));
    String delegated = client.exchange("procurement-agent", secret, userToken).string("access_token");

    assertThat(events)
        .as("events")
        .extracting(ServiceEvent::service, ServiceEvent::actor, ServiceEvent::operation, ServiceEvent::outcome)
        .containsExactly(
            tuple("identity", "harness", "register_client", Outcome.OK),
            tuple("identity", "harness", "user_token", Outcome.OK),
            tuple("identity", "procurement-agent", "token_exchange", Outcome.OK));
    assertThat(events.get(2).details())
        .as("token exchange details")
        .containsEntry("grantType", "urn:ietf:params:oauth:grant-type:token-exchange")
        .containsEntry("clientId", "procurement-agent")
        .containsEntry("sub", "alice")
        .containsEntry("act", "procurement-agent")
        .containsEntry("scope", "crm.read crm.write")
        .containsEntry("aud", "crm")
        .containsEntry("jti", Jwks.claims(delegated).getJWTID())
        .containsEntry("kid", idp.signingKeyId())
        .doesNotContainKeys("error");
    assertNoSecretIn(events, secret, userToken, delegated);
  }

  @Test
  void refused_requests_publish_fail_events_without_secrets() {
    String secret = idp.registerClient("procurement-agent");
    String userToken = idp.issueUserToken("alice", Set.of("crm.read"));
    events.clear();

    client.exchange("procurement-agent", "wrong-" + secret, userToken);
    client.exchange("procurement-agent", secret, userToken + "x");

    assertThat(events)
        .as("events")
        .extracting(ServiceEvent::actor, ServiceEvent::operation, ServiceEvent::outcome, e -> e.details().get("error"))
        .containsExactly(
            tuple("anonymous", "token_exchange", Outcome.FAIL, "invalid_client"),
            tuple("procurement-agent", "token_exchange", Outcome.FAIL, "invalid_grant"));
    assertThat(events.get(0).details())
        .as("invalid client details")
        .containsEntry("clientId", "procurement-agent")
        .containsEntry("errorDescription", "wrong secret for client [procurement-agent]");
    assertNoSecretIn(events, secret, "wrong-" + secret, userToken);
  }

  @Test
  void client_credentials_and_rotations_are_published() {
    String secret = idp.registerClient("procurement-agent");
    client.clientCredentials("procurement-agent", secret, "crm.read");
    String rotated = idp.rotateClientSecret("procurement-agent");
    String oldKid = idp.signingKeyId();
    String newKid = idp.rotateSigningKey();

    assertThat(events)
        .as("events")
        .extracting(ServiceEvent::operation)
        .containsExactly("register_client", "client_credentials", "rotate_client_secret", "rotate_signing_key");
    assertThat(events.get(1).details())
        .as("client credentials details")
        .containsEntry("sub", "procurement-agent")
        .containsEntry("scope", "crm.read")
        .containsEntry("aud", "crashtest-agents")
        .doesNotContainKey("act");
    assertThat(events.get(3).details())
        .as("key rotation details")
        .isEqualTo(Map.of("kid", newKid, "previousKid", oldKid, "graceSeconds", 0L));
    assertNoSecretIn(events, secret, rotated);
  }

  @Test
  void a_listener_that_throws_does_not_break_the_token_endpoint() {
    try (IdentityProvider fragile =
        IdentityProvider.builder().withEventListener(e -> { throw new IllegalStateException("boom"); }).start()) {
      String secret = fragile.registerClient("agent");

      int status = new TokenClient(fragile.tokenEndpoint()).clientCredentials("agent", secret, "crm.read").status();

      assertThat(status).as("status").isEqualTo(200);
    }
  }

  private static void assertNoSecretIn(List<ServiceEvent> events, String... secrets) {
    String all = events.toString();
    for (String secret : secrets) {
      assertThat(all).as("events must not contain a secret or token").doesNotContain(secret);
    }
    assertThat(all).as("events must not contain a generated secret").doesNotContain("ctsec_");
  }
}
