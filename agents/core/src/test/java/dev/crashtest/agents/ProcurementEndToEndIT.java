package dev.crashtest.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.agents.testing.AgentProcess;
import dev.crashtest.fakes.crm.AuditRecord;
import dev.crashtest.fakes.crm.CrmServer;
import dev.crashtest.fakes.identity.IdentityProvider;
import dev.crashtest.fakes.model.ModelEndpoint;
import dev.crashtest.fakes.model.Script;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The happy path of the contract, end to end: the three fakes embedded, each agent as a real process, a task
 * submitted with a user token, approved when it waits, and the CRM's audit checked.
 */
class ProcurementEndToEndIT {
  static final String CLIENT_ID = "procurement-agent";
  static final String GOAL = "Buy 5 units of LAPTOP-14 for account ACME-001.";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private IdentityProvider idp;
  private CrmServer crm;
  private ModelEndpoint model;
  private Map<String, String> env;

  @BeforeEach
  void startFakes() throws Exception {
    idp = IdentityProvider.builder().withPort(0).start();
    crm = CrmServer.builder().withIssuer(idp.issuer()).withJwksUri(idp.jwksUri())
        .withDataDirectory(dir.resolve("crm")).start();
    model = ModelEndpoint.builder().withScript(Script.procurement()).withApiKey("model-key").start();
    Path secret = Files.writeString(dir.resolve("agent-secret"), idp.registerClient(CLIENT_ID) + "\n");
    env = new HashMap<>();
    env.put("HARNESS_MODEL_BASE_URL", model.v1Url().toString());
    env.put("HARNESS_MODEL_API_KEY", "model-key");
    env.put("HARNESS_CRM_BASE_URL", crm.baseUrl().toString());
    env.put("HARNESS_IDP_ISSUER", idp.issuer().toString());
    env.put("HARNESS_AGENT_CLIENT_ID", CLIENT_ID);
    env.put("HARNESS_AGENT_CLIENT_SECRET_FILE", secret.toString());
    env.put("HARNESS_AGENT_PORT", Integer.toString(AgentProcess.freePort()));
    env.put("HARNESS_STATE_DIR", Files.createDirectories(dir.resolve("state")).toString());
  }

  @AfterEach
  void stopFakes() {
    if (model != null) {
      model.close();
    }
    if (crm != null) {
      crm.close();
    }
    if (idp != null) {
      idp.close();
    }
  }

  @Test
  void java_agent_completes_the_purchase_with_one_quote_one_order_and_one_note() throws Exception {
    try (AgentProcess agent = AgentProcess.java(List.of("--runtime", "naive"), env, dir)) {
      purchase(agent, "T-java");
      assertThat(agent.log()).as("Java agent log").contains("task=T-java step=4 tool=place_order");
    }
  }

  @Test
  void java_agent_in_streaming_mode_completes_the_purchase_too() throws Exception {
    env.put(AgentConfig.STREAMING_VARIABLE, "true");
    try (AgentProcess agent = AgentProcess.java(List.of("--runtime", "naive"), env, dir)) {
      purchase(agent, "T-stream");
      assertThat(agent.log()).as("Java agent log").contains("model=streaming");
    }
  }

  @Test
  void python_agent_completes_the_purchase_with_one_quote_one_order_and_one_note() throws Exception {
    try (AgentProcess agent = AgentProcess.python(env, dir)) {
      purchase(agent, "T-python");
      assertThat(agent.log()).as("Python agent log").contains("task=T-python step=5 tool=add_note");
    }
  }

  private void purchase(AgentProcess agent, String id) throws Exception {
    agent.awaitHealthy(Duration.ofSeconds(60));
    String userToken = idp.issueUserToken("alice", Set.of("crm.read", "crm.write"));

    HttpResponse<String> submitted = post(agent, "/tasks", JSON.createObjectNode()
        .put("taskId", id).put("goal", GOAL).put("userToken", userToken).toString());
    assertThat(submitted.statusCode()).as("POST /tasks; agent log:\n%s", agent.log()).isEqualTo(202);

    awaitStatus(agent, id, "AWAITING_APPROVAL");
    HttpResponse<String> approved = post(agent, "/tasks/" + id + "/approve", "{\"approver\":\"bob\"}");
    assertThat(approved.statusCode()).as("POST /tasks/%s/approve", id).isEqualTo(202);
    JsonNode done = awaitStatus(agent, id, "COMPLETED");

    assertThat(done.path("result").asText()).as("result").startsWith("Done: order ");
    assertAudit();
    String secret = Files.readString(Path.of(env.get("HARNESS_AGENT_CLIENT_SECRET_FILE"))).strip();
    assertThat(agent.log()).as("agent log").doesNotContain(secret).doesNotContain(userToken)
        .doesNotContain("model-key");
  }

  private void assertAudit() {
    List<AuditRecord> audit = crm.audit();
    assertThat(audit).filteredOn(record -> record.effect() != null)
        .extracting(record -> record.effect().type()).as("CRM side effects")
        .containsExactly("quote", "order", "note");
    assertThat(audit).filteredOn(record -> record.method().equals("POST")).as("CRM writes")
        .hasSize(3)
        .allSatisfy(record -> {
          assertThat(record.delegated()).as("delegated token on %s", record.path()).isTrue();
          assertThat(record.agent()).as("act.sub on %s", record.path()).isEqualTo(CLIENT_ID);
          assertThat(record.actorSource()).as("agent named by act on %s", record.path()).isEqualTo("act");
          assertThat(record.user()).as("user on %s", record.path()).isEqualTo("alice");
          assertThat(record.idempotencyKey()).as("Idempotency-Key on %s", record.path()).isNotBlank();
        });
    assertThat(audit).filteredOn(record -> record.effect() != null)
        .extracting(AuditRecord::idempotencyKey).as("idempotency keys")
        .allSatisfy(key -> assertThat(key).matches("T-\\w+/[245]/(create_quote|place_order|add_note)"));
  }

  private JsonNode awaitStatus(AgentProcess agent, String taskId, String wanted) {
    JsonNode[] last = new JsonNode[1];
    await("task [" + taskId + "] reaches " + wanted)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> {
          last[0] = JSON.readTree(http.send(HttpRequest.newBuilder(agent.baseUrl().resolve("/tasks/" + taskId))
              .build(), HttpResponse.BodyHandlers.ofString()).body());
          String status = last[0].path("status").asText();
          if (status.equals("FAILED")) {
            throw new AssertionError("task [" + taskId + "] FAILED: " + last[0] + "; agent log:\n" + agent.log());
          }
          return status.equals(wanted);
        });
    return last[0];
  }

  private HttpResponse<String> post(AgentProcess agent, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(agent.baseUrl() + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
