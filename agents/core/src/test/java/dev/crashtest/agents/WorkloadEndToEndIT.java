package dev.crashtest.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.agents.testing.AgentProcess;
import dev.crashtest.agents.testing.RecordingServer;
import dev.crashtest.agents.testing.RecordingServer.Recorded;
import dev.crashtest.agents.testing.RecordingServer.Reply;
import dev.crashtest.fakes.identity.IdentityProvider;
import dev.crashtest.fakes.model.ModelEndpoint;
import dev.crashtest.fakes.model.Script;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workload that is not procurement, run by each agent as a real process from {@code HARNESS_WORKLOAD_FILE}
 * alone: two tools on two services (one read, one write) and a gate, the services a plain JDK HTTP server, the
 * identity provider and the scripted model the real fakes. No CRM and no {@code HARNESS_CRM_BASE_URL}.
 */
class WorkloadEndToEndIT {
  static final String CLIENT_ID = "desk-agent";
  static final String ORDER = "ORD-7/A";
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SCRIPT = """
      {"name": "tiny-desk", "goalPattern": "(?i)refund order (?<order>\\\\S+)",
       "rules": [
         {"when": {"lastRole": "tool", "lastToolResultMatches": "^\\\\s*\\\\{\\\\s*\\"error\\"\\\\s*:"},
          "then": {"content": "failed: ${last.result.error}"}},
         {"when": {"lastToolResult": null},
          "then": {"toolCalls": [{"name": "get_order", "arguments": {"order_id": "${goal.order}"}}]}},
         {"when": {"lastToolResult": "get_order"},
          "then": {"toolCalls": [{"name": "ask_a_human", "arguments": {"reason": "refund ${goal.order}"}}]}},
         {"when": {"lastToolResult": "ask_a_human"},
          "then": {"toolCalls": [{"name": "create_refund",
            "arguments": {"order_id": "${goal.order}", "amount": "${result.get_order.total:number}"}}]}},
         {"when": {"lastToolResult": "create_refund"},
          "then": {"content": "Refunded ${result.create_refund.refundId}"}}]}
      """;
  static final String WORKLOAD = """
      {"name": "tiny-desk", "model": "crashtest-tiny-desk",
       "tools": [
         {"name": "get_order", "description": "Look up an order.",
          "parameters": {"type": "object", "properties": {"order_id": {"type": "string"}}, "required": ["order_id"]},
          "service": "orders", "method": "GET", "path": "/orders/{order_id}", "body": null, "gate": false,
          "scope": "orders.read"},
         {"name": "ask_a_human", "description": "Ask a human to approve. Blocks until approved.",
          "parameters": {"type": "object", "properties": {"reason": {"type": "string"}}, "required": ["reason"]},
          "gate": true},
         {"name": "create_refund", "description": "Refund an order.",
          "parameters": {"type": "object", "properties": {"order_id": {"type": "string"},
            "amount": {"type": "number"}}, "required": ["order_id", "amount"]},
          "service": "refunds", "method": "POST", "path": "/refunds",
          "body": {"orderId": "{order_id}", "amount": "{amount}", "note": "lost parcel {order_id}"}, "gate": false,
          "scope": "refunds.write"}],
       "services": {"orders": "http://127.0.0.1:9/not-used", "refunds": "%s/refunds-svc"}}
      """;

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private IdentityProvider idp;
  private ModelEndpoint model;
  private RecordingServer services;
  private Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    idp = IdentityProvider.builder().withPort(0).start();
    model = ModelEndpoint.builder().withScript(Script.fromJson(SCRIPT, "tiny-desk.json")).withApiKey("model-key")
        .start();
    services = RecordingServer.start(request -> request.method().equals("GET")
        ? Reply.json(200, "{\"orderId\":\"" + ORDER + "\",\"total\":40.5}")
        : Reply.json(201, "{\"refundId\":\"R-0001\",\"status\":\"REFUNDED\"}"));
    Path secret = Files.writeString(dir.resolve("agent-secret"), idp.registerClient(CLIENT_ID) + "\n");
    Path workload = Files.writeString(dir.resolve("workload.json"), WORKLOAD.formatted(services.baseUrl()));
    env = new HashMap<>();
    env.put("HARNESS_MODEL_BASE_URL", model.v1Url().toString());
    env.put("HARNESS_MODEL_API_KEY", "model-key");
    env.put("HARNESS_IDP_ISSUER", idp.issuer().toString());
    env.put("HARNESS_AGENT_CLIENT_ID", CLIENT_ID);
    env.put("HARNESS_AGENT_CLIENT_SECRET_FILE", secret.toString());
    env.put("HARNESS_AGENT_PORT", Integer.toString(AgentProcess.freePort()));
    env.put("HARNESS_STATE_DIR", Files.createDirectories(dir.resolve("state")).toString());
    env.put("HARNESS_WORKLOAD_FILE", workload.toString());
    // The variable wins over the file's (unreachable) URL for orders; refunds comes from the file.
    env.put("HARNESS_SERVICE_ORDERS_URL", services.baseUrl() + "/orders-svc/");
  }

  @AfterEach
  void stop() {
    for (AutoCloseable closeable : new AutoCloseable[] {services, model, idp}) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void java_agent_runs_a_workload_from_the_file_alone() throws Exception {
    try (AgentProcess agent = AgentProcess.java(List.of("--runtime", "naive"), env, dir)) {
      refund(agent, "T-java");
      assertThat(agent.log()).as("Java agent log").contains("workload=tiny-desk")
          .contains("task=T-java turn=1 model=crashtest-tiny-desk").contains("task=T-java step=3 tool=create_refund");
    }
  }

  @Test
  void python_agent_runs_a_workload_from_the_file_alone() throws Exception {
    try (AgentProcess agent = AgentProcess.python(env, dir)) {
      refund(agent, "T-python");
      assertThat(agent.log()).as("Python agent log").contains("workload=tiny-desk")
          .contains("task=T-python turn=1 model=crashtest-tiny-desk");
    }
  }

  private void refund(AgentProcess agent, String id) throws Exception {
    agent.awaitHealthy(Duration.ofSeconds(60));
    String userToken = idp.issueUserToken("alice", Set.of("orders.read", "refunds.write"));
    HttpResponse<String> submitted = post(agent, "/tasks", JSON.createObjectNode()
        .put("taskId", id).put("goal", "Refund order " + ORDER + " please").put("userToken", userToken).toString());
    assertThat(submitted.statusCode()).as("POST /tasks; agent log:\n%s", agent.log()).isEqualTo(202);

    awaitStatus(agent, id, "AWAITING_APPROVAL");
    assertThat(services.requests()).as("calls before the approval").hasSize(1);
    assertThat(post(agent, "/tasks/" + id + "/approve", "{\"approver\":\"bob\"}").statusCode()).as("approve")
        .isEqualTo(202);
    JsonNode done = awaitStatus(agent, id, "COMPLETED");

    assertThat(done.path("result").asText()).as("result").isEqualTo("Refunded R-0001");
    assertThat(services.requests()).extracting(Recorded::method, Recorded::path).as("service calls, in order")
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("GET", "/orders-svc/orders/ORD-7%2FA"),
            org.assertj.core.groups.Tuple.tuple("POST", "/refunds-svc/refunds"));
    Recorded read = services.requests().get(0);
    Recorded write = services.requests().get(1);
    assertThat(read.header("Idempotency-Key")).as("read: no Idempotency-Key").isNull();
    assertThat(write.header("Idempotency-Key")).as("write: {taskId}/{step}/{tool}").isEqualTo(id + "/3/create_refund");
    assertThat(JSON.readTree(write.body())).as("write body").isEqualTo(JSON.readTree(
        "{\"orderId\":\"ORD-7/A\",\"amount\":40.5,\"note\":\"lost parcel ORD-7/A\"}"));
    assertDelegated(read, "orders", "orders.read");
    assertDelegated(write, "refunds", "refunds.write");
  }

  private void assertDelegated(Recorded request, String audience, String scope) throws Exception {
    String bearer = request.header("Authorization").substring("Bearer ".length());
    JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(bearer.split("\\.")[1]),
        StandardCharsets.UTF_8));
    assertThat(claims.path("sub").asText()).as("sub on %s", request.path()).isEqualTo("alice");
    assertThat(claims.at("/act/sub").asText()).as("act.sub on %s", request.path()).isEqualTo(CLIENT_ID);
    assertThat(claims.path("aud").toString()).as("aud on %s", request.path()).contains("\"" + audience + "\"");
    assertThat(claims.path("scope").asText()).as("scope on %s", request.path()).isEqualTo(scope);
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
          if (status.equals("FAILED") || status.equals("COMPLETED") && !wanted.equals("COMPLETED")) {
            throw new AssertionError("task [" + taskId + "] " + last[0] + "; agent log:\n" + agent.log());
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
