package dev.crashtest.fakes.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.fakes.ServiceEvent;
import dev.crashtest.fakes.crm.AuditRecord;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class McpToolServerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final McpWorld world = McpWorld.start();

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void the_sdk_client_initializes_and_lists_the_tools_with_their_schemas() throws Exception {
    McpSyncClient client = world.client(world::agentToken);

    List<McpSchema.Tool> tools = client.listTools().tools();

    assertThat(tools).extracting(McpSchema.Tool::name).as("tools").containsExactly("get_account", "create_quote");
    assertThat(JSON.<JsonNode>valueToTree(tools.get(1).inputSchema())).as("create_quote's schema")
        .isEqualTo(JSON.readTree(McpWorld.QUOTE_SCHEMA));
    ServiceEvent initialize = world.mcpEvents(McpEvents.INITIALIZE).get(0);
    assertThat(initialize.actor()).as("actor").isEqualTo(McpWorld.AGENT);
    assertThat(initialize.details()).as("initialize details").containsEntry("clientName", "crashtest-test")
        .containsKey("sessionId").containsKey("protocolVersion");
    assertThat(world.mcpEvents(McpEvents.TOOLS_LIST)).singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("tools", List.of("get_account", "create_quote"))
            .containsEntry("sessionId", initialize.details().get("sessionId")));
  }

  @Test
  void a_tool_call_creates_a_quote_at_the_crm_as_the_agent_for_the_user_via_the_mcp_server() throws Exception {
    McpSyncClient client = world.client(world::agentToken);

    McpSchema.CallToolResult result = client.callTool(McpWorld.createQuote("T-1/2/create_quote"));

    assertThat(result.isError()).as("isError of %s", result).isFalse();
    JsonNode quote = JSON.readTree(((McpSchema.TextContent) result.content().get(0)).text());
    assertThat(quote.path("quoteId").asText()).as("quote id in %s", quote).startsWith("Q-");
    assertThat(JSON.<JsonNode>valueToTree(result.structuredContent())).as("structuredContent").isEqualTo(quote);
    AuditRecord write = world.crm.audit().stream().filter(r -> r.operation().equals("create_quote")).findFirst()
        .orElseThrow(() -> new AssertionError("no create_quote in the CRM audit " + world.crm.audit()));
    assertThat(write.agent()).as("the CRM's actor").isEqualTo(McpWorld.AGENT);
    assertThat(write.user()).as("the CRM's user").isEqualTo("alice");
    assertThat(write.via()).as("via").containsExactly("mcp-server");
    assertThat(write.scope()).as("scope").isEqualTo("crm.write");
    assertThat(write.idempotencyKey()).as("Idempotency-Key").isEqualTo("T-1/2/create_quote");
    assertThat(world.crmEvents("create_quote")).singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("via", List.of("mcp-server")));
    assertThat(world.mcpEvents(McpEvents.TOOLS_CALL)).singleElement().satisfies(e -> {
      assertThat(e.actor()).isEqualTo(McpWorld.AGENT);
      assertThat(e.details()).containsEntry("tool", "create_quote").containsEntry("status", 201)
          .containsEntry("isError", false).containsEntry("idempotencyKey", "T-1/2/create_quote")
          .containsEntry("user", "alice");
    });
  }

  @Test
  void the_tools_call_event_is_published_after_the_service_answered() {
    McpSyncClient client = world.client(world::agentToken);

    client.callTool(McpWorld.createQuote("T-1/2/create_quote"));

    List<String> order = world.events.stream().filter(e -> e.operation().equals("create_quote")
        || e.operation().equals(McpEvents.TOOLS_CALL)).map(ServiceEvent::service).toList();
    assertThat(order).as("services in event order").containsExactly("crm", "mcp");
  }

  @Test
  void a_4xx_of_the_service_is_a_tool_error_with_its_body() throws Exception {
    McpSyncClient client = world.client(world::agentToken);

    McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder().name("get_account")
        .arguments(Map.of("account_id", "NOPE-404")).build());

    assertThat(result.isError()).as("isError").isTrue();
    JsonNode text = JSON.readTree(((McpSchema.TextContent) result.content().get(0)).text());
    assertThat(text.path("error").path("error").asText()).as("error in %s", text).isEqualTo("not_found");
  }

  @Test
  void token_passthrough_is_refused_with_401_and_flagged() throws Exception {
    HttpResponse<String> answer = world.post("Bearer " + world.exchange("crm"), null, McpWorld.initializeJson());

    assertThat(answer.statusCode()).as("status").isEqualTo(401);
    String description = "token audience [crm] is not this MCP server (mcp): token passthrough is refused";
    assertThat(answer.headers().firstValue("WWW-Authenticate")).as("challenge").contains("Bearer resource_metadata=\""
        + world.mcp.resourceMetadataUrl() + "\", error=\"invalid_token\", error_description=\"" + description + "\"");
    assertThat(JSON.readTree(answer.body()).path("error_description").asText()).isEqualTo(description);
    assertThat(world.mcpEvents(McpEvents.TOKEN_PASSTHROUGH)).singleElement().satisfies(e -> {
      assertThat(e.outcome()).isEqualTo(ServiceEvent.Outcome.FAIL);
      assertThat(e.details()).containsEntry("audience", "crm");
    });
  }

  @Test
  void a_request_without_a_token_gets_401_naming_the_resource_metadata() throws Exception {
    HttpResponse<String> answer = world.post(null, null, McpWorld.initializeJson());

    assertThat(answer.statusCode()).as("status").isEqualTo(401);
    assertThat(answer.headers().firstValue("WWW-Authenticate")).as("challenge")
        .contains("Bearer resource_metadata=\"" + world.mcp.resourceMetadataUrl() + "\"");
    assertThat(world.mcpEvents(McpEvents.UNAUTHORIZED)).hasSize(1);
  }

  @Test
  void the_protected_resource_metadata_names_the_resource_and_the_issuer() throws Exception {
    HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(world.mcp.resourceMetadataUrl()).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).as("status").isEqualTo(200);
    assertThat(JSON.readTree(answer.body())).isEqualTo(JSON.<JsonNode>valueToTree(Map.of(
        "resource", world.mcp.mcpUrl().toString(),
        "authorization_servers", List.of(world.idp.issuer().toString()),
        "scopes_supported", List.of("crm.read", "crm.write"),
        "bearer_methods_supported", List.of("header"))));
  }
}
