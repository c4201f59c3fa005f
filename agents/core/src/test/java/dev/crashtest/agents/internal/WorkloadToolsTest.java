package dev.crashtest.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.agents.testing.RecordingServer;
import dev.crashtest.agents.testing.RecordingServer.Recorded;
import dev.crashtest.agents.testing.RecordingServer.Reply;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generic tool runner against one server that is identity provider and both services of a small workload. */
class WorkloadToolsTest {
  static final String WORKLOAD = """
      {"name": "desk", "model": "m",
       "tools": [
         {"name": "get_order", "parameters": {"type": "object", "properties": {"order_id": {"type": "string"}}},
          "service": "orders", "method": "GET", "path": "/orders/{order_id}", "scope": "orders.read"},
         {"name": "create_refund", "parameters": {"type": "object", "properties": {"order_id": {"type": "string"},
            "amount": {"type": "number"}}, "required": ["order_id", "amount"]},
          "service": "refunds", "method": "POST", "path": "/refunds",
          "body": {"orderId": "{order_id}", "amount": "{amount}", "memo": "refund of {order_id}"},
          "scope": "refunds.write"},
         {"name": "update_refund", "parameters": {"type": "object"},
          "service": "refunds", "method": "PATCH", "path": "/refunds/{refund_id}", "body": {"state": "{state}"},
          "scope": "refunds.write"},
         {"name": "cancel_refund", "parameters": {"type": "object"},
          "service": "refunds", "method": "DELETE", "path": "/refunds/{refund_id}", "body": {"ignored": true}},
         {"name": "request_approval", "parameters": {"type": "object"}, "gate": true}]}
      """;

  @TempDir Path dir;
  private final AtomicInteger exchanges = new AtomicInteger();
  private RecordingServer server;

  @AfterEach
  void stop() {
    server.close();
  }

  private WorkloadTools toolsAnswering(Function<Recorded, Reply> services) throws Exception {
    server = RecordingServer.start(request -> {
      if (request.path().endsWith("openid-configuration")) {
        return Reply.json(200, "{\"token_endpoint\":\"" + server.baseUrl() + "/token\"}");
      }
      if (request.path().equals("/token")) {
        return Reply.json(200, "{\"access_token\":\"delegated-" + exchanges.incrementAndGet() + "\","
            + "\"token_type\":\"Bearer\",\"expires_in\":300}");
      }
      return services.apply(request);
    });
    Workload workload = WorkloadFile.read(Files.writeString(dir.resolve("w.json"), WORKLOAD), Map.of(
        "HARNESS_SERVICE_ORDERS_URL", server.baseUrl() + "/orders-svc",
        "HARNESS_SERVICE_REFUNDS_URL", server.baseUrl() + "/refunds-svc")).workload();
    HttpClient http = HttpClient.newHttpClient();
    return new WorkloadTools(workload, Map.of(
        "orders", ServiceClient.of("orders", http, URI.create(server.baseUrl() + "/orders-svc"), duration -> {}),
        "refunds", ServiceClient.of("refunds", http, URI.create(server.baseUrl() + "/refunds-svc"), duration -> {})));
  }

  private TaskTokens tokens(Workload workload) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret"), "s");
    return TaskTokens.perService(new TokenExchange(HttpClient.newHttpClient(), server.baseUrl(), "agent-1", secret,
        Clock.systemUTC()), workload, "user-jwt", Clock.systemUTC());
  }

  @Test
  void a_read_fills_and_encodes_its_path_and_sends_no_idempotency_key() throws Exception {
    WorkloadTools tools = toolsAnswering(request -> Reply.json(200, "{\"orderId\":\"ORD 1/2\"}"));

    String result = tools.execute(new ToolCall("T-1", 1, "get_order", "{\"order_id\":\"ORD 1/2\"}"),
        tokens(tools.workload()));

    Recorded get = server.requests("GET", "/orders-svc/orders/ORD%201%2F2").get(0);
    assertThat(get.header("Idempotency-Key")).as("Idempotency-Key").isNull();
    assertThat(get.header("Authorization")).as("delegated token").isEqualTo("Bearer delegated-1");
    assertThat(result).as("tool result: the JSON body").isEqualTo("{\"orderId\":\"ORD 1/2\"}");
  }

  @Test
  void a_write_sends_its_rendered_body_with_the_idempotency_key() throws Exception {
    WorkloadTools tools = toolsAnswering(request -> Reply.json(201, "{\"refundId\":\"R-1\"}"));

    String result = tools.execute(new ToolCall("T-1", 3, "create_refund",
        "{\"order_id\":\"ORD-1\",\"amount\":120}"), tokens(tools.workload()));

    Recorded post = server.requests("POST", "/refunds-svc/refunds").get(0);
    assertThat(Json.parse(post.body())).as("body").isEqualTo(
        Json.parse("{\"orderId\":\"ORD-1\",\"amount\":120,\"memo\":\"refund of ORD-1\"}"));
    assertThat(post.header("Content-Type")).as("Content-Type").isEqualTo("application/json");
    assertThat(post.header("Idempotency-Key")).as("Idempotency-Key").isEqualTo("T-1/3/create_refund");
    assertThat(result).as("tool result").isEqualTo("{\"refundId\":\"R-1\"}");
  }

  @Test
  void patch_and_delete_are_writes_too_and_delete_sends_no_body() throws Exception {
    WorkloadTools tools = toolsAnswering(request -> Reply.json(200, "{}"));
    TaskTokens tokens = tokens(tools.workload());

    tools.execute(new ToolCall("T-1", 4, "update_refund", "{\"refund_id\":\"R-1\",\"state\":\"held\"}"), tokens);
    tools.execute(new ToolCall("T-1", 5, "cancel_refund", "{\"refund_id\":\"R-1\"}"), tokens);

    Recorded patch = server.requests("PATCH", "/refunds-svc/refunds/R-1").get(0);
    assertThat(patch.header("Idempotency-Key")).as("PATCH key").isEqualTo("T-1/4/update_refund");
    assertThat(Json.parse(patch.body())).as("PATCH body").isEqualTo(Json.parse("{\"state\":\"held\"}"));
    Recorded delete = server.requests("DELETE", "/refunds-svc/refunds/R-1").get(0);
    assertThat(delete.header("Idempotency-Key")).as("DELETE key").isEqualTo("T-1/5/cancel_refund");
    assertThat(delete.body()).as("DELETE body").isEmpty();
  }

  @Test
  void each_service_gets_its_own_token_for_its_name_and_its_tools_scopes() throws Exception {
    WorkloadTools tools = toolsAnswering(request -> Reply.json(200, "{}"));
    TaskTokens tokens = tokens(tools.workload());

    tools.execute(new ToolCall("T-1", 1, "get_order", "{\"order_id\":\"A\"}"), tokens);
    tools.execute(new ToolCall("T-1", 2, "create_refund", "{\"order_id\":\"A\",\"amount\":1}"), tokens);
    tools.execute(new ToolCall("T-1", 3, "update_refund", "{\"refund_id\":\"R\",\"state\":\"s\"}"), tokens);

    List<Map<String, String>> forms = server.requests("POST", "/token").stream().map(r -> form(r.body())).toList();
    assertThat(forms).extracting(form -> form.get("audience")).as("audiences").containsExactly("orders", "refunds");
    assertThat(forms).extracting(form -> form.get("scope")).as("scopes").containsExactly("orders.read",
        "refunds.write");
    assertThat(server.requests("PATCH", "/refunds-svc/refunds/R").get(0).header("Authorization"))
        .as("the refunds token, reused").isEqualTo("Bearer delegated-2");
  }

  @Test
  void a_4xx_is_handed_to_the_model_as_the_error_body() throws Exception {
    WorkloadTools tools = toolsAnswering(request -> Reply.json(409, "{\"error\":\"already_refunded\"}"));

    String result = tools.execute(new ToolCall("T-1", 3, "create_refund", "{\"order_id\":\"A\",\"amount\":1}"),
        tokens(tools.workload()));

    assertThat(Json.parse(result)).as("tool result").isEqualTo(Json.parse("{\"error\":{\"error\":\"already_refunded\"}}"));
  }

  @Test
  void a_service_that_keeps_failing_fails_the_task_naming_the_service() throws Exception {
    WorkloadTools tools = toolsAnswering(request -> Reply.json(503, "{}"));

    assertThatThrownBy(() -> tools.execute(new ToolCall("T-1", 3, "create_refund",
        "{\"order_id\":\"A\",\"amount\":1}"), tokens(tools.workload())))
        .isInstanceOf(ServiceFailedException.class)
        .hasMessage("service [refunds] [POST /refunds] failed 6 times; last: HTTP 503");
    assertThat(server.requests("POST", "/refunds-svc/refunds")).extracting(r -> r.header("Idempotency-Key"))
        .as("every attempt, the same key").hasSize(6).containsOnly("T-1/3/create_refund");
  }

  @Test
  void a_missing_argument_an_unknown_tool_and_a_gate_make_no_call() throws Exception {
    WorkloadTools tools = toolsAnswering(request -> Reply.json(201, "{}"));
    TaskTokens tokens = tokens(tools.workload());

    String missing = tools.execute(new ToolCall("T-1", 1, "create_refund", "{\"order_id\":\"A\"}"), tokens);
    String unknown = tools.execute(new ToolCall("T-1", 2, "delete_everything", "{}"), tokens);
    String gate = tools.execute(new ToolCall("T-1", 3, "request_approval", "{}"), tokens);

    assertThat(Json.parse(missing)).as("missing argument").isEqualTo(Json.parse(
        "{\"error\":{\"error\":\"invalid_arguments\",\"message\":\"missing argument [amount]\"}}"));
    assertThat(Json.parse(unknown)).as("unknown tool").isEqualTo(Json.parse(
        "{\"error\":{\"error\":\"unknown_tool\",\"message\":\"no tool named [delete_everything]\"}}"));
    assertThat(Json.parse(gate)).as("a gate is the runtime's, never an HTTP call").isEqualTo(Json.parse(
        "{\"error\":{\"error\":\"unknown_tool\",\"message\":\"no tool named [request_approval]\"}}"));
    assertThat(server.requests()).as("requests").isEmpty();
  }

  private static Map<String, String> form(String body) {
    return Arrays.stream(body.split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
        pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
        pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
  }
}
