package dev.crashtest.fakes.crm;

import static dev.crashtest.fakes.crm.CrmClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crashtest.fakes.ServiceEvent;
import dev.crashtest.fakes.ServiceEvent.Outcome;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrmAuditIT extends RunningCrmIT {

  @Test
  void delegated_write_is_audited_with_agent_user_scope_and_token_id() {
    String token = idp.token().withAgent("agent-9").withSubject("bob").withTokenId("jti-42").sign();

    client.post("/quotes", token, "{\"accountId\":\"ACME-001\",\"sku\":\"LAPTOP-14\",\"quantity\":1}", "t/2/q");

    AuditRecord record = crm.audit().get(0);
    assertThat(record).as("audit record of create_quote").satisfies(r -> {
      assertThat(r.seq()).as("seq").isEqualTo(1);
      assertThat(r.method() + " " + r.path()).as("request").isEqualTo("POST /quotes");
      assertThat(r.operation()).as("operation").isEqualTo("create_quote");
      assertThat(r.status()).as("status").isEqualTo(201);
      assertThat(r.outcome()).as("outcome").isEqualTo(Outcome.OK);
      assertThat(r.agent()).as("agent").isEqualTo("agent-9");
      assertThat(r.actorSource()).as("actor source").isEqualTo("act");
      assertThat(r.user()).as("user").isEqualTo("bob");
      assertThat(r.scope()).as("scope").isEqualTo("crm.read crm.write");
      assertThat(r.tokenId()).as("token id").isEqualTo("jti-42");
      assertThat(r.delegated()).as("delegated").isTrue();
      assertThat(r.idempotencyKey()).as("idempotency key").isEqualTo("t/2/q");
      assertThat(r.replayed()).as("replayed").isFalse();
      assertThat(r.effect()).as("effect").isEqualTo(new AuditRecord.Effect("quote", "Q-0001", "ACME-001"));
    });
  }

  @Test
  void client_token_without_act_is_audited_as_not_delegated() {
    String token = idp.token().withoutDelegation("naive-agent").withSubject("naive-agent").sign();

    client.get("/accounts/ACME-001", token);

    AuditRecord record = crm.audit().get(0);
    assertThat(record.agent()).as("agent").isEqualTo("naive-agent");
    assertThat(record.actorSource()).as("actor source").isEqualTo("client");
    assertThat(record.delegated()).as("delegated").isFalse();
  }

  @Test
  void refused_requests_are_audited_too() {
    client.get("/accounts/ACME-001", null);
    client.post("/quotes", idp.token().withScope("crm.read").sign(), "{}", "k");

    List<AuditRecord> audit = crm.audit();
    assertThat(audit).as("audit").extracting(AuditRecord::status, AuditRecord::error, AuditRecord::actorSource)
        .containsExactly(
            tuple(401, "invalid_token", "none"),
            tuple(403, "insufficient_scope", "act"));
    assertThat(audit.get(0).agent()).as("agent of an anonymous call").isNull();
    assertThat(audit).as("why each was refused, as the caller was told").extracting(AuditRecord::reason)
        .satisfiesExactly(
            reason -> assertThat(reason).contains("missing bearer token"),
            reason -> assertThat(reason).contains("crm.write"));
    assertThat(audit.get(0).toDetails()).as("event details").containsKey("reason");
  }

  @Test
  void audit_endpoint_answers_the_records_without_raw_tokens() {
    String token = idp.token().sign();
    client.post("/accounts/ACME-001/notes", token, "{\"text\":\"hello\"}", null);
    client.get("/accounts/ACME-001/notes", token);

    HttpResponse<String> response = client.get("/audit", null);

    assertThat(response.statusCode()).as("status of GET /audit").isEqualTo(200);
    JsonNode audit = json(response);
    assertThat(audit).as("audit entries").hasSize(2);
    assertThat(audit.get(0).get("effect").toString()).as("effect of add_note")
        .isEqualTo("{\"type\":\"note\",\"id\":\"N-0001\",\"accountId\":\"ACME-001\"}");
    assertThat(audit.get(1).get("operation").asText()).as("operation of the read").isEqualTo("list_notes");
    assertThat(response.body()).as("audit body").doesNotContain(token).doesNotContain(token.split("\\.")[2]);
    assertThat(crm.audit()).as("audit after reading it").last()
        .extracting(AuditRecord::operation).isEqualTo("audit");
  }

  @Test
  void every_request_publishes_an_event_with_the_audit_details() {
    String token = idp.token().withAgent("agent-3").withSubject("carol").withTokenId("jti-7").sign();
    client.post("/quotes", token, "{\"accountId\":\"ACME-001\",\"sku\":\"LAPTOP-14\",\"quantity\":1}", "t/2/q");
    client.get("/quotes/Q-0001", null);

    assertThat(events).as("events").extracting(ServiceEvent::service, ServiceEvent::actor, ServiceEvent::operation,
            ServiceEvent::outcome)
        .containsExactly(
            tuple("crm", "agent-3", "create_quote", Outcome.OK),
            tuple("crm", "anonymous", "get_quote", Outcome.FAIL));
    Map<String, Object> details = events.get(0).details();
    assertThat(details).as("details of create_quote")
        .containsEntry("method", "POST").containsEntry("path", "/quotes").containsEntry("status", 201)
        .containsEntry("user", "carol").containsEntry("scope", "crm.read crm.write")
        .containsEntry("tokenId", "jti-7").containsEntry("delegated", true).containsEntry("actorSource", "act")
        .containsEntry("idempotencyKey", "t/2/q").containsEntry("replayed", false)
        .containsEntry("effectType", "quote").containsEntry("effectId", "Q-0001")
        .containsEntry("accountId", "ACME-001").containsEntry("effectKey", "ACME-001")
        .as("a quote needs no approval").doesNotContainKey("needsApproval");
    assertThat(events.get(1).details()).as("details of a refused call").doesNotContainKeys("user", "effectId")
        .containsEntry("status", 401);
  }
}
