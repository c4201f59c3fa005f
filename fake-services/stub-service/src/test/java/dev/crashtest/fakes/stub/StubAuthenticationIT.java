package dev.crashtest.fakes.stub;

import static dev.crashtest.fakes.stub.StubClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.fakes.identity.IdentityProvider;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The CRM's token checks on every stub, with the CRM's answers. */
class StubAuthenticationIT extends RunningStubsIT {

  @Test
  void request_without_token_is_refused_with_the_crms_answer() {
    HttpResponse<String> response = client.get("/orders/orders/ORD-1001", null);

    assertThat(response.statusCode()).as("status").isEqualTo(401);
    assertThat(response.body()).as("body").isEqualTo("{\"error\":\"invalid_token\",\"message\":\"missing bearer"
        + " token: send the header Authorization: Bearer <access token>\"}");
    assertThat(response.headers().firstValue("WWW-Authenticate")).as("challenge")
        .hasValue("Bearer error=\"invalid_token\"");
  }

  @Test
  void token_of_another_identity_provider_is_refused_by_its_signature() {
    try (IdentityProvider other = IdentityProvider.builder().start()) {
      String foreign = new Agents(other).delegatedToken("agent-7", "orders", "orders.read");

      assertRefused(client.get("/orders/orders/ORD-1001", foreign), 401,
          "token rejected: Signed JWT rejected: Another algorithm expected, or no matching key(s) found");
    }
  }

  @Test
  void token_for_another_service_is_refused_by_its_audience() {
    assertRefused(client.post("/refunds/refunds", ordersToken, REFUND, "t/2/create_refund"), 401,
        "token rejected: audience [orders] does not contain [refunds]");
  }

  @Test
  void expired_token_is_refused_because_there_is_no_clock_skew() {
    idp.setDelegatedTokenLifetime(Duration.ofSeconds(1));
    String shortLived = agents.delegatedToken("agent-7", "orders", "orders.read");
    // the token's second passes: wait for its expiry rather than sleep a fixed time
    org.awaitility.Awaitility.await("the 1 s token to expire").atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> client.get("/orders/orders/ORD-1001", shortLived).statusCode() == 401);

    assertRefused(client.get("/orders/orders/ORD-1001", shortLived), 401, "token rejected: Expired JWT");
  }

  @Test
  void token_without_the_tools_scope_is_refused_with_403() {
    String readOnly = agents.delegatedToken("agent-7", "refunds", "orders.read");

    HttpResponse<String> response = client.post("/refunds/refunds", readOnly, REFUND, "t/2/create_refund");

    assertRefused(response, 403, "this call needs scope [refunds.write]; the token grants [orders.read]");
    assertThat(response.headers().firstValue("WWW-Authenticate")).as("challenge")
        .hasValue("Bearer error=\"insufficient_scope\", scope=\"refunds.write\"");
    assertThat(effects()).as("effects").isEmpty();
  }

  @Test
  void no_write_follows_a_revoked_delegation() {
    idp.revokeDelegation("alice", "agent-7");

    HttpResponse<String> response = client.post("/refunds/refunds", refundsToken, REFUND, "t/2/create_refund");

    assertRefused(response, 401, "delegation revoked: the identity provider says this token of user [alice] for"
        + " agent [agent-7] is no longer active; no write may follow revocation");
    assertThat(events.get(0).details()).as("event details").containsEntry("error", "delegation_revoked")
        .containsEntry("refusal", "delegation_revoked").containsEntry("operation", "create_refund");
    assertThat(effects()).as("effects").isEmpty();
  }

  @Test
  void another_agents_token_on_an_agents_own_address_is_refused() {
    StubClient thief = new StubClient(stubs.workloadUrl("agent-9"));

    HttpResponse<String> response = thief.post("/refunds/refunds", refundsToken, REFUND, "t/2/create_refund");

    assertRefused(response, 401, "agent [agent-9] presented a token issued to agent [agent-7]: a token is bound to"
        + " the agent it was issued to; exchange the user's token (RFC 8693) for your own");
    assertThat(events.get(0).details()).as("event details").containsEntry("refusal", "token_of_another_agent")
        .containsEntry("presenter", "agent-9").containsEntry("agent", "agent-7");
    assertThat(effects()).as("effects").isEmpty();
  }

  @Test
  void an_agents_own_token_on_its_own_address_is_served() {
    StubClient own = new StubClient(stubs.workloadUrl("agent-7"));

    HttpResponse<String> response = own.post("/refunds/refunds", refundsToken, REFUND, "t/2/create_refund");

    assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(201);
    assertThat(events.get(0).details()).as("event details").containsEntry("presenter", "agent-7");
    assertThat(stubs.workloadUrl("agent-7")).as("same agent, same address").isEqualTo(stubs.workloadUrl("agent-7"))
        .isNotEqualTo(stubs.workloadUrl("agent-9"));
  }

  private static void assertRefused(HttpResponse<String> response, int status, String message) {
    assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
    assertThat(json(response).path("message").asText()).as("message").isEqualTo(message);
  }
}
