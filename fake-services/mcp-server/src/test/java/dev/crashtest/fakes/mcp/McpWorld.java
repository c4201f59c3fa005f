package dev.crashtest.fakes.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.fakes.ServiceEvent;
import dev.crashtest.fakes.crm.CrmServer;
import dev.crashtest.fakes.identity.IdentityProvider;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The real servers an MCP call goes through: the fake identity provider, the CRM, and the MCP server serving the
 * procurement tools, every event of all three recorded. Tokens are got as an agent gets them (RFC 8693 at the
 * provider, audience {@code mcp}); clients are the official MCP Java SDK's.
 *
 * <pre>{@code
 * try (McpWorld world = McpWorld.start()) {
 *   McpSyncClient client = world.client(world::agentToken);
 * }
 * }</pre>
 */
final class McpWorld implements AutoCloseable {
  static final String AGENT = "procurement-agent";
  static final String QUOTE_SCHEMA = "{\"type\":\"object\",\"properties\":{\"account_id\":{\"type\":\"string\"},"
      + "\"sku\":{\"type\":\"string\"},\"quantity\":{\"type\":\"integer\",\"minimum\":1}},"
      + "\"required\":[\"account_id\",\"sku\",\"quantity\"]}";
  static final McpTool GET_ACCOUNT = new McpTool("get_account", "Read a CRM account.",
      "{\"type\":\"object\",\"properties\":{\"account_id\":{\"type\":\"string\"}},\"required\":[\"account_id\"]}",
      "crm", "GET", "/accounts/{account_id}", null, "crm.read", false);
  static final McpTool CREATE_QUOTE = new McpTool("create_quote", "Create a price quote for an account.",
      QUOTE_SCHEMA, "crm", "POST", "/quotes",
      "{\"accountId\":\"{account_id}\",\"sku\":\"{sku}\",\"quantity\":\"{quantity}\"}", "crm.write", true);

  private static final ObjectMapper JSON = new ObjectMapper();

  final List<ServiceEvent> events = new CopyOnWriteArrayList<>();
  final IdentityProvider idp;
  final CrmServer crm;
  final McpToolServer mcp;
  private final String agentSecret;
  private final String userToken;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<McpSyncClient> clients = new CopyOnWriteArrayList<>();

  private McpWorld() {
    idp = IdentityProvider.builder().withEventListener(events::add).start();
    agentSecret = idp.registerClient(AGENT);
    userToken = idp.issueUserToken("alice", Set.of("crm.read", "crm.write"));
    crm = CrmServer.builder().withIssuer(idp.issuer()).withJwksUri(idp.jwksUri())
        .withIntrospectionUri(idp.introspectionUri()).withEventListener(events::add).start();
    mcp = McpToolServer.builder().withTools(List.of(GET_ACCOUNT, CREATE_QUOTE)).withService("crm", crm.baseUrl())
        .withIssuer(idp.issuer()).withJwksUri(idp.jwksUri()).withTokenEndpoint(idp.tokenEndpoint())
        .withClient(McpToolServer.DEFAULT_CLIENT_ID, idp.registerClient(McpToolServer.DEFAULT_CLIENT_ID))
        .withEventListener(events::add).start();
  }

  static McpWorld start() {
    return new McpWorld();
  }

  /** A fresh delegated token of the agent for user alice, audience {@code mcp}: a new {@code jti} every time. */
  String agentToken() {
    return exchange("mcp");
  }

  /** The agent's token for another audience, e.g. {@code crm}: what token passthrough presents. */
  String exchange(String audience) {
    String body = Map.of("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
            "subject_token", userToken, "subject_token_type", "urn:ietf:params:oauth:token-type:jwt",
            "audience", audience, "scope", "crm.read crm.write").entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    String basic = Base64.getEncoder().encodeToString((AGENT + ":" + agentSecret).getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(idp.tokenEndpoint())
        .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new AssertionError("token exchange answered " + answer.statusCode() + ": " + answer.body());
      }
      return JSON.readTree(answer.body()).path("access_token").asText();
    } catch (IOException | InterruptedException e) {
      throw new AssertionError("cannot reach the identity provider at [" + idp.tokenEndpoint() + "]", e);
    }
  }

  /** An initialized SDK client presenting {@code token}'s current value on every request. */
  McpSyncClient client(Supplier<String> token) {
    return client(token, Duration.ofSeconds(5), tools -> { });
  }

  McpSyncClient client(Supplier<String> token, Duration timeout,
      java.util.function.Consumer<List<McpSchema.Tool>> toolsChanged) {
    HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(mcp.baseUrl().toString())
        .endpoint("/mcp")
        .httpRequestCustomizer((builder, method, uri, body, context) ->
            builder.header("Authorization", "Bearer " + token.get()))
        .build();
    // The SDK's default validator needs json-schema-validator 2.x; the class path holds 3.x (see SchemaValidator).
    McpSyncClient client = McpClient.sync(transport).requestTimeout(timeout)
        .jsonSchemaValidator((schema, instance) -> JsonSchemaValidator.ValidationResponse.asValid(null))
        .clientInfo(new McpSchema.Implementation("crashtest-test", "1")).toolsChangeConsumer(toolsChanged).build();
    clients.add(client);
    client.initialize();
    return client;
  }

  /** A create_quote call for ACME-001 with {@code key} as its idempotency key. */
  static McpSchema.CallToolRequest createQuote(String key) {
    return McpSchema.CallToolRequest.builder().name("create_quote")
        .arguments(Map.of("account_id", "ACME-001", "sku", "LAPTOP-14", "quantity", 2))
        .meta(Map.of("idempotencyKey", key)).build();
  }

  List<ServiceEvent> mcpEvents(String operation) {
    return events.stream().filter(e -> e.service().equals(McpEvents.SERVICE) && e.operation().equals(operation))
        .toList();
  }

  List<ServiceEvent> crmEvents(String operation) {
    return events.stream().filter(e -> e.service().equals("crm") && e.operation().equals(operation)).toList();
  }

  /** A raw HTTP request to the MCP endpoint, for what the SDK client hides (statuses, headers). */
  HttpResponse<String> post(String authorization, String sessionId, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(mcp.mcpUrl())
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (sessionId != null) {
      request.header("Mcp-Session-Id", sessionId);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError("cannot reach the MCP server at [" + mcp.mcpUrl() + "]", e);
    }
  }

  static String initializeJson() {
    return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw-http\",\"version\":\"1\"}}}";
  }

  URI base() {
    return mcp.baseUrl();
  }

  @Override
  public void close() {
    clients.forEach(client -> {
      try {
        client.close();
      } catch (RuntimeException alreadyGone) {
        // a client of a forgotten session may fail to close: nothing to free
      }
    });
    mcp.close();
    crm.close();
    idp.close();
  }
}
