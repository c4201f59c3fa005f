package dev.crashtest.fakes.crm;

import static dev.crashtest.fakes.crm.CrmClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** On an agent's own address the CRM knows who presents a token, and refuses another agent's token. */
class CrmWorkloadIdentityIT extends RunningCrmIT {

  @Test
  void agent_presenting_another_agents_token_on_its_own_address_is_refused_and_audited() {
    CrmClient thief = new CrmClient(crm.workloadUrl("agent-9"));

    HttpResponse<String> response = thief.post("/accounts/ACME-001/notes", token, "{\"text\":\"hi\"}", "k-1");

    assertThat(response.statusCode()).as("status").isEqualTo(401);
    assertThat(json(response).get("message").asText()).as("message").isEqualTo("agent [agent-9] presented a token"
        + " issued to agent [agent-7]: a token is bound to the agent it was issued to; exchange the user's token"
        + " (RFC 8693) for your own");
    AuditRecord refused = crm.audit().get(crm.audit().size() - 1);
    assertThat(refused.error()).as("audit error").isEqualTo(AuditRecord.TOKEN_OF_ANOTHER_AGENT);
    assertThat(refused.presenter()).as("audit presenter").isEqualTo("agent-9");
    assertThat(refused.agent()).as("audit agent").isEqualTo("agent-7");
    assertThat(events.get(events.size() - 1).details()).as("event details")
        .containsEntry("refusal", AuditRecord.TOKEN_OF_ANOTHER_AGENT).containsEntry("presenter", "agent-9");
    assertThat(client.get("/accounts/ACME-001/notes", token).body()).as("notes after the refusal").isEqualTo("[]");
  }

  @Test
  void agent_presenting_its_own_token_on_its_own_address_is_served() {
    CrmClient own = new CrmClient(crm.workloadUrl("agent-7"));

    HttpResponse<String> response = own.post("/accounts/ACME-001/notes", token, "{\"text\":\"hi\"}", "k-1");

    assertThat(response.statusCode()).as("status %s", response.body()).isEqualTo(201);
    assertThat(crm.audit().get(crm.audit().size() - 1).presenter()).as("audit presenter").isEqualTo("agent-7");
  }

  @Test
  void each_agent_keeps_one_address() {
    assertThat(crm.workloadUrl("agent-7")).as("same agent").isEqualTo(crm.workloadUrl("agent-7"))
        .isNotEqualTo(crm.workloadUrl("agent-9")).isNotEqualTo(crm.baseUrl());
  }
}
