package dev.crashtest.fakes.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.ServiceEvent;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One test per {@link McpFault}, asserting what a client sees: the SDK's Java client, or raw HTTP for statuses. */
class McpFaultsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final McpWorld world = McpWorld.start();

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void expire_sessions_answers_404_to_a_known_session_and_a_new_session_works() {
    String token = "Bearer " + world.agentToken();
    String session = world.post(token, null, McpWorld.initializeJson()).headers().firstValue("Mcp-Session-Id")
        .orElseThrow(() -> new AssertionError("initialize gave no Mcp-Session-Id"));

    InjectedFault fault = world.mcp.inject(McpFault.expireSessions());

    HttpResponse<String> answer = world.post(token, session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
    assertThat(answer.statusCode()).as("status for the forgotten session, %s", answer.body()).isEqualTo(404);
    assertThat(fault.active()).as("a one-shot fault is used up").isFalse();
    assertThat(world.mcpEvents(McpEvents.SESSION_MISSING)).singleElement().satisfies(e -> {
      assertThat(e.outcome()).isEqualTo(ServiceEvent.Outcome.FAIL);
      assertThat(e.details()).containsEntry("sessionId", session);
    });
    assertThat(world.client(world::agentToken).listTools().tools()).as("tools in a new session").hasSize(2);
  }

  @Test
  void expire_sessions_makes_the_sdk_client_fail_once_and_initialize_again() {
    McpSyncClient client = world.client(world::agentToken);

    world.mcp.inject(McpFault.expireSessions());

    assertThatThrownBy(client::listTools).as("the call on the forgotten session")
        .hasMessageContaining("session with server terminated");
    assertThat(client.listTools().tools()).as("tools after the SDK client initialized again").hasSize(2);
    assertThat(world.mcpEvents(McpEvents.INITIALIZE)).as("initialize events").hasSize(2);
  }

  @Test
  void restart_commits_the_call_in_flight_drops_its_answer_and_loses_every_session() {
    McpSyncClient client = world.client(world::agentToken);
    String token = "Bearer " + world.agentToken();
    String other = world.post(token, null, McpWorld.initializeJson()).headers().firstValue("Mcp-Session-Id")
        .orElseThrow();

    world.mcp.inject(McpFault.restart());

    assertThatThrownBy(() -> client.callTool(McpWorld.createQuote("T-1/2/create_quote")))
        .as("the call whose answer was dropped").hasStackTraceContaining("IOException");
    assertThat(world.crm.audit()).filteredOn(r -> r.operation().equals("create_quote")).as("committed at the CRM")
        .hasSize(1);
    assertThat(world.post(token, other, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}").statusCode())
        .as("another session after the restart").isEqualTo(404);
    assertThat(world.mcpEvents(McpEvents.TOOLS_CALL)).singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("fault", "restart").containsEntry("status", 201));
  }

  @Test
  void rename_tool_notifies_open_streams_lists_the_new_name_and_refuses_the_old_one() {
    List<List<String>> announced = new CopyOnWriteArrayList<>();
    McpSyncClient client = world.client(world::agentToken, Duration.ofSeconds(5),
        tools -> announced.add(tools.stream().map(McpSchema.Tool::name).toList()));
    await("the SDK client's GET stream").atMost(Duration.ofSeconds(5))
        .until(() -> world.mcp.sessionsWithOpenStream().size() == 1);

    world.mcp.inject(McpFault.renameTool("create_quote", "make_quote"));

    await("notifications/tools/list_changed reaching the client").atMost(Duration.ofSeconds(5))
        .until(() -> announced.contains(List.of("get_account", "make_quote")));
    assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactly("get_account",
        "make_quote");
    assertThatThrownBy(() -> client.callTool(McpWorld.createQuote("T-1/2/create_quote")))
        .isInstanceOfSatisfying(McpError.class, e -> {
          assertThat(e.getJsonRpcError().code()).as("JSON-RPC code").isEqualTo(-32602);
          assertThat(e.getJsonRpcError().message()).isEqualTo("unknown tool [create_quote]");
        });
    assertThat(world.mcpEvents(McpEvents.NOTIFICATION)).as("notification events").isNotEmpty()
        .allSatisfy(e -> assertThat(e.details()).containsEntry("method", "notifications/tools/list_changed"));
    assertThat(world.mcpEvents(McpEvents.TOOLS_CALL)).singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("unknownTool", true).containsEntry("isError", true));
    assertThat(world.crm.audit()).filteredOn(r -> r.operation().equals("create_quote")).as("nothing forwarded")
        .isEmpty();
  }

  @Test
  void healing_a_rename_gives_the_tool_its_name_back() {
    McpSyncClient client = world.client(world::agentToken);
    InjectedFault rename = world.mcp.inject(McpFault.renameTool("create_quote", "make_quote"));

    rename.heal();

    assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactly("get_account",
        "create_quote");
  }

  @Test
  void change_schema_serves_the_new_input_schema() throws Exception {
    McpSyncClient client = world.client(world::agentToken);
    String schema = "{\"type\":\"object\",\"properties\":{\"account\":{\"type\":\"string\"}},\"required\":[\"account\"]}";

    world.mcp.inject(McpFault.changeSchema("create_quote", schema));

    McpSchema.Tool tool = client.listTools().tools().get(1);
    assertThat(JSON.<JsonNode>valueToTree(tool.inputSchema())).isEqualTo(JSON.readTree(schema));
    McpSchema.CallToolResult old = client.callTool(McpWorld.createQuote("T-1/2/create_quote"));
    assertThat(old.isError()).as("a call with the old arguments, %s", old).isTrue();
  }

  @Test
  void expire_authorization_refuses_tokens_seen_before_and_accepts_a_fresh_one() throws Exception {
    AtomicReference<String> token = new AtomicReference<>(world.agentToken());
    McpSyncClient client = world.client(token::get);

    world.mcp.inject(McpFault.expireAuthorization());

    HttpResponse<String> refused = world.post("Bearer " + token.get(), null, McpWorld.initializeJson());
    assertThat(refused.statusCode()).as("status").isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate").orElse("")).contains("error=\"invalid_token\"");
    assertThat(JSON.readTree(refused.body()).path("error_description").asText()).startsWith("token expired");
    assertThatThrownBy(client::listTools).as("the SDK client with its old token").isNotNull();
    token.set(world.agentToken());
    assertThat(client.listTools().tools()).as("tools with a fresh token").hasSize(2);
    assertThat(world.mcpEvents(McpEvents.UNAUTHORIZED)).isNotEmpty()
        .allSatisfy(e -> assertThat(e.details()).containsEntry("fault", "expire_authorization"));
  }

  @Test
  void drop_stream_commits_the_call_closes_the_stream_and_a_retry_with_the_same_key_is_replayed() {
    McpSyncClient client = world.client(world::agentToken);

    world.mcp.inject(McpFault.dropStream("create_quote"));

    assertThatThrownBy(() -> client.callTool(McpWorld.createQuote("T-1/2/create_quote")))
        .as("the dropped call").hasStackTraceContaining("chunked transfer encoding");
    McpSchema.CallToolResult retry = client.callTool(McpWorld.createQuote("T-1/2/create_quote"));
    assertThat(retry.isError()).as("the retry").isFalse();
    assertThat(world.crm.audit()).filteredOn(r -> r.effect() != null).as("effects at the CRM").hasSize(1);
    assertThat(world.mcpEvents(McpEvents.TOOLS_CALL)).extracting(e -> e.details().get("fault"), e -> e.details()
        .get("replayed")).containsExactly(org.assertj.core.groups.Tuple.tuple("drop_stream", null),
        org.assertj.core.groups.Tuple.tuple(null, true));
  }

  @Test
  void slow_tool_answers_after_the_delay_and_a_client_timeout_sees_no_answer() {
    McpSyncClient impatient = world.client(world::agentToken, Duration.ofMillis(500), tools -> { });

    world.mcp.inject(McpFault.slowTool("create_quote", Duration.ofMillis(1500)));

    assertThatThrownBy(() -> impatient.callTool(McpWorld.createQuote("T-1/2/create_quote")))
        .as("a call slower than the client's timeout").hasMessageContaining("Timeout");
    await("the slow call committing and answering").atMost(Duration.ofSeconds(5))
        .until(() -> world.mcpEvents(McpEvents.TOOLS_CALL).size() == 1);
    assertThat(world.mcpEvents(McpEvents.TOOLS_CALL).get(0).details()).containsEntry("fault", "slow_tool")
        .containsEntry("status", 201);
  }

  @Test
  void tool_error_answers_is_error_the_given_number_of_times_without_reaching_the_service() throws Exception {
    McpSyncClient client = world.client(world::agentToken);

    world.mcp.inject(McpFault.toolError("create_quote", 2));

    for (int i = 0; i < 2; i++) {
      McpSchema.CallToolResult failed = client.callTool(McpWorld.createQuote("T-1/2/create_quote"));
      assertThat(failed.isError()).as("call %d", i + 1).isTrue();
      JsonNode text = JSON.readTree(((McpSchema.TextContent) failed.content().get(0)).text());
      assertThat(text.path("error").path("error").asText()).isEqualTo("tool_failed");
    }
    assertThat(world.crm.audit()).as("nothing reached the CRM").isEmpty();
    assertThat(client.callTool(McpWorld.createQuote("T-1/2/create_quote")).isError()).as("third call").isFalse();
  }

  @Test
  void faults_are_injected_listed_and_healed_over_the_admin_api() {
    dev.crashtest.fakes.admin.AdminClient admin = dev.crashtest.fakes.admin.AdminClient.to("the MCP server",
        world.mcp.baseUrl());

    InjectedFault remote = admin.injectFault(McpFault.slowTool("create_quote", Duration.ofMillis(300)).toWire());

    assertThat(remote.description()).isEqualTo("answer create_quote 300 ms late, until healed");
    assertThat(world.mcp.activeFaults()).extracting(InjectedFault::description)
        .containsExactly("answer create_quote 300 ms late, until healed");
    remote.heal();
    assertThat(world.mcp.activeFaults()).isEmpty();
    assertThat(admin.get("/__crashtest/faults")).isEmpty();
    assertThat(admin.post("/__admin/faults", Map.of("type", "rename_tool", "from", "create_quote", "to", "mk"))
        .path("description").asText()).isEqualTo("rename tool create_quote to mk, until healed");
    assertThat(world.mcp.tools()).extracting(McpTool::name).containsExactly("get_account", "mk");
  }
}
