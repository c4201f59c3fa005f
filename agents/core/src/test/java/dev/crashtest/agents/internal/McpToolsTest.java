package dev.crashtest.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.crashtest.agents.testing.McpTestServer;
import dev.crashtest.agents.testing.RecordingServer;
import dev.crashtest.agents.testing.RecordingServer.Reply;
import dev.langchain4j.agent.tool.ToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link McpTools} against a real MCP server on a real socket (the SDK's own, {@link McpTestServer}) and a token
 * endpoint that hands out {@code mcp-token-1}, {@code mcp-token-2}, ...: the rules of the contract's section 3.4.
 */
class McpToolsTest {
  private static final List<McpSchema.Tool> TOOLS = List.of(
      McpTestServer.tool("get_account", "account_id"),
      McpTestServer.tool("place_order", "quote_id"));

  @TempDir Path dir;
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private RecordingServer idp;
  private McpTestServer server;
  private McpTools tools;
  private TaskTokens tokens;

  @BeforeEach
  void startIdentityProvider() throws Exception {
    idp = RecordingServer.start(request -> request.path().endsWith("/.well-known/openid-configuration")
        ? Reply.json(200, "{\"issuer\":\"x\",\"token_endpoint\":\"" + idp.baseUrl() + "/default/token\"}")
        : Reply.json(200, "{\"access_token\":\"mcp-token-" + tokensIssued.incrementAndGet()
            + "\",\"token_type\":\"Bearer\",\"expires_in\":300}"));
    Path secret = Files.writeString(dir.resolve("secret"), "s3cret\n");
    TokenExchange exchange = new TokenExchange(HttpClient.newHttpClient(), URI.create(idp.baseUrl() + "/default"),
        "agent-1", secret, Clock.systemUTC());
    tokens = TaskTokens.perService(exchange, Workload.procurement(), "user-jwt", Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    if (tools != null) {
      tools.close();
    }
    if (server != null) {
      server.close();
    }
    idp.close();
  }

  private void serve(Function<McpSchema.CallToolRequest, McpSchema.CallToolResult> handler, Duration timeout)
      throws Exception {
    server = McpTestServer.start(TOOLS, handler);
    tools = McpTools.connect(Workload.procurement(), server.url(), timeout, waits::add);
  }

  private void serve() throws Exception {
    serve(call -> McpTestServer.text("{\"tool\":\"" + call.name() + "\",\"orderId\":\"O-1\"}"), Duration.ofSeconds(10));
  }

  private static ToolCall call(int step, String tool, String arguments) {
    return new ToolCall("T-1", step, tool, arguments);
  }

  @Test
  void the_model_is_offered_the_listed_tools_and_the_gate_with_their_input_schemas() throws Exception {
    serve();

    List<ToolSpecification> offered = tools.specifications("T-1", tokens);

    assertThat(offered).extracting(ToolSpecification::name).as("offered tools")
        .containsExactly("get_account", "place_order", "request_approval");
    assertThat(offered.get(0).parameters().required()).as("get_account's required arguments")
        .containsExactly("account_id");
    assertThat(server.requests("initialize")).as("initialize requests").hasSize(1);
    assertThat(server.requests("tools/list")).as("tools/list requests").hasSize(1);
  }

  @Test
  void a_call_carries_the_idempotency_key_in_meta_and_a_token_exchanged_for_audience_mcp() throws Exception {
    serve();

    String result = tools.execute(call(4, "place_order", "{\"quote_id\":\"Q-1\"}"), tokens);

    assertThat(result).as("tool result: the text content").isEqualTo("{\"tool\":\"place_order\",\"orderId\":\"O-1\"}");
    McpSchema.CallToolRequest sent = server.calls().get(0);
    assertThat(sent.meta()).as("_meta").containsEntry("idempotencyKey", "T-1/4/place_order");
    assertThat(sent.arguments()).as("arguments").isEqualTo(Map.of("quote_id", "Q-1"));
    assertThat(server.requests()).extracting(McpTestServer.Request::authorization).as("Authorization headers")
        .containsOnly("Bearer mcp-token-1");
    assertThat(form(idp.requests("POST", "/default/token").get(0).body())).as("token exchange")
        .containsEntry("audience", "mcp").containsEntry("scope", "crm.read crm.write");
  }

  @Test
  void a_forgotten_session_is_initialized_and_listed_again_and_the_call_repeated_with_the_same_key()
      throws Exception {
    serve();
    tools.execute(call(1, "get_account", "{\"account_id\":\"ACME-001\"}"), tokens);
    server.expireSessions();

    String result = tools.execute(call(4, "place_order", "{\"quote_id\":\"Q-1\"}"), tokens);

    assertThat(result).as("result after the new session").contains("\"orderId\":\"O-1\"");
    assertThat(server.requests()).filteredOn(r -> r.refusedWith() == 404).as("requests answered 404").isNotEmpty();
    assertThat(server.requests("initialize")).as("initialize requests").hasSize(2);
    List<String> newSession = server.requests().stream()
        .filter(r -> r.sessionId() != null && r.sessionId().equals(server.requests("tools/call").get(
            server.requests("tools/call").size() - 1).sessionId()) && r.method().equals("POST"))
        .map(r -> Json.parseLenient(r.body()).path("method").asText()).toList();
    assertThat(newSession).as("the new session's requests: listed again before the call is repeated")
        .containsExactly("notifications/initialized", "tools/list", "tools/call");
    assertThat(server.calls()).extracting(c -> c.meta().get("idempotencyKey")).as("keys of the calls that arrived")
        .containsExactly("T-1/1/get_account", "T-1/4/place_order");
    assertThat(waits).as("no backoff for a forgotten session").isEmpty();
  }

  @Test
  void a_401_gets_one_fresh_token_exchange_and_the_call_is_replayed() throws Exception {
    serve();
    tools.execute(call(1, "get_account", "{\"account_id\":\"ACME-001\"}"), tokens);
    server.refuseTokensSeen();

    String result = tools.execute(call(4, "place_order", "{\"quote_id\":\"Q-1\"}"), tokens);

    assertThat(result).as("result with the fresh token").contains("\"orderId\":\"O-1\"");
    assertThat(idp.requests("POST", "/default/token")).as("token exchanges").hasSize(2);
    assertThat(server.requests()).filteredOn(r -> r.body().contains("tools/call") && r.refusedWith() == 0)
        .extracting(McpTestServer.Request::authorization).as("tokens of the calls that went through")
        .containsExactly("Bearer mcp-token-1", "Bearer mcp-token-2");
  }

  @Test
  void a_second_401_fails_the_task_and_nothing_more_is_sent() throws Exception {
    serve();
    tools.execute(call(1, "get_account", "{\"account_id\":\"ACME-001\"}"), tokens);
    server.refuseAllTokens();

    assertThatThrownBy(() -> tools.execute(call(4, "place_order", "{\"quote_id\":\"Q-1\"}"), tokens))
        .isInstanceOf(ServiceFailedException.class)
        .hasMessageStartingWith("MCP server [" + server.url() + "] refused tools/call [place_order] (key T-1/4/place_order)"
            + ": HTTP 401 after a fresh token exchange; the agent no longer has the authority this task needs");
    assertThat(idp.requests("POST", "/default/token")).as("token exchanges").hasSize(2);
    assertThat(server.calls()).extracting(McpSchema.CallToolRequest::name).as("calls that reached a tool")
        .containsExactly("get_account");
    assertThat(server.requests("tools/call")).filteredOn(r -> r.body().contains("place_order"))
        .as("place_order requests: the first and its one replay").hasSize(2);
  }

  @Test
  void after_tools_list_changed_the_tools_are_listed_again_and_a_vanished_tool_is_never_sent() throws Exception {
    serve();
    tools.execute(call(1, "get_account", "{\"account_id\":\"ACME-001\"}"), tokens);
    server.removeTool("place_order", true);
    server.addTool(McpTestServer.tool("submit_order", "quote_id"));
    await("the list_changed notification reaches the agent").atMost(Duration.ofSeconds(5))
        .until(() -> tools.isStale("T-1"));

    String result = tools.execute(call(4, "place_order", "{\"quote_id\":\"Q-1\"}"), tokens);

    assertThat(Json.parse(result).path("error").path("error").asText()).as("error for the model")
        .isEqualTo("unknown_tool");
    assertThat(server.requests("tools/call")).filteredOn(r -> r.body().contains("place_order"))
        .as("calls of the vanished tool").isEmpty();
    assertThat(tools.specifications("T-1", tokens)).extracting(ToolSpecification::name).as("offered now")
        .containsExactly("get_account", "submit_order", "request_approval");
  }

  @Test
  void an_unknown_tool_error_from_the_server_makes_the_agent_list_again() throws Exception {
    serve();
    tools.execute(call(1, "get_account", "{\"account_id\":\"ACME-001\"}"), tokens);
    server.removeTool("place_order", false);

    String result = tools.execute(call(4, "place_order", "{\"quote_id\":\"Q-1\"}"), tokens);

    assertThat(Json.parse(result).path("error").path("error").asText()).as("error for the model")
        .isEqualTo("unknown_tool");
    int listed = server.requests("tools/list").size();
    assertThat(tools.specifications("T-1", tokens)).extracting(ToolSpecification::name).as("offered now")
        .containsExactly("get_account", "request_approval");
    assertThat(server.requests("tools/list")).as("tools/list after the unknown-tool error").hasSize(listed + 1);
  }

  @Test
  void a_tool_the_model_invents_is_answered_unknown_tool_and_never_sent() throws Exception {
    serve();

    String result = tools.execute(call(1, "delete_everything", "{}"), tokens);

    assertThat(result).as("error for the model").isEqualTo("{\"error\":{\"error\":\"unknown_tool\","
        + "\"message\":\"no tool named [delete_everything] in the MCP server's current list\"}}");
    assertThat(server.requests("tools/call")).as("tools/call requests").isEmpty();
  }

  @Test
  void a_call_with_no_answer_within_the_timeout_is_repeated_with_the_same_key() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    java.util.concurrent.CountDownLatch repeated = new java.util.concurrent.CountDownLatch(1);
    serve(call -> {
      if (attempts.incrementAndGet() == 1) {
        hold(repeated); // the first answer is held until the agent, past its timeout, has asked again
      } else {
        repeated.countDown();
      }
      return McpTestServer.text("{\"orderId\":\"O-1\"}");
    }, Duration.ofMillis(500));

    String result = tools.execute(call(4, "place_order", "{\"quote_id\":\"Q-1\"}"), tokens);

    assertThat(result).as("result of the repeated call").isEqualTo("{\"orderId\":\"O-1\"}");
    assertThat(server.calls()).extracting(c -> c.meta().get("idempotencyKey")).as("keys")
        .containsExactly("T-1/4/place_order", "T-1/4/place_order");
    assertThat(waits).as("backoff before the repeat").containsExactly(Duration.ofMillis(250));
  }

  @Test
  void an_is_error_result_goes_to_the_model_as_the_server_wrote_it() throws Exception {
    serve(call -> McpSchema.CallToolResult.builder()
        .addTextContent("{\"error\":{\"error\":\"not_found\",\"message\":\"no quote [Q-9]\"}}").isError(true).build(),
        Duration.ofSeconds(10));

    String result = tools.execute(call(4, "place_order", "{\"quote_id\":\"Q-9\"}"), tokens);

    assertThat(result).isEqualTo("{\"error\":{\"error\":\"not_found\",\"message\":\"no quote [Q-9]\"}}");
  }

  private static void hold(java.util.concurrent.CountDownLatch latch) {
    try {
      latch.await(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, String> form(String body) {
    return Arrays.stream(body.split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
        pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
        pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
  }
}
