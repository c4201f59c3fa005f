package dev.crashtest.fakes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crashtest.fakes.ServiceEvent;
import dev.crashtest.fakes.ServiceEvent.Outcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelEndpointIT {
  private static final String KEY = "test-key";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<ServiceEvent> events = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private ModelEndpoint endpoint;

  @BeforeEach
  void start() {
    endpoint = ModelEndpoint.builder().withScript(Script.procurement()).withApiKey(KEY)
        .withEventListener(events::add).start();
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private static String body(boolean stream, ArrayNode messages) throws IOException {
    ObjectNode body = JSON.createObjectNode().put("model", "crashtest-procurement").put("stream", stream);
    body.set("messages", messages);
    body.set("tools", JSON.readTree(ProcurementTools.TOOLS));
    return JSON.writeValueAsString(body);
  }

  private static ArrayNode goalOnly() {
    ArrayNode messages = JSON.createArrayNode();
    messages.addObject().put("role", "system").put("content", "You buy things.");
    messages.addObject().put("role", "user").put("content", ProcurementTools.GOAL);
    return messages;
  }

  private static ArrayNode afterGetAccount() throws IOException {
    ArrayNode messages = goalOnly();
    messages.add(JSON.readTree("{\"role\": \"assistant\", \"content\": null, \"tool_calls\": [{\"id\": \"x1\", "
        + "\"type\": \"function\", \"function\": {\"name\": \"get_account\", \"arguments\": \"{}\"}}]}"));
    messages.addObject().put("role", "tool").put("tool_call_id", "x1")
        .put("content", ProcurementTools.resultOf("get_account"));
    return messages;
  }

  private HttpRequest.Builder chat(String body) {
    return HttpRequest.newBuilder(URI.create(endpoint.v1Url() + "/chat/completions"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.build(), BodyHandlers.ofString());
  }

  private HttpResponse<String> sendWithKey(String body) throws IOException, InterruptedException {
    return send(chat(body).header("Authorization", "Bearer " + KEY));
  }

  @Test
  void a_renamed_tool_is_called_by_its_new_name_when_offered_and_its_result_reads_as_the_old_ones() throws Exception {
    String renamedTools = ProcurementTools.TOOLS.replace("\"create_quote\"", "\"create_quote_v2\"");
    try (dev.crashtest.fakes.InjectedFault rename = endpoint.renameTool("create_quote", "create_quote_v2")) {
      ObjectNode offeringNew = (ObjectNode) JSON.readTree(body(false, afterGetAccount()));
      offeringNew.set("tools", JSON.readTree(renamedTools));
      JsonNode answer = JSON.readTree(sendWithKey(JSON.writeValueAsString(offeringNew)).body());
      JsonNode offeringOld = JSON.readTree(sendWithKey(body(false, afterGetAccount())).body());

      assertThat(answer.at("/choices/0/message/tool_calls/0/function/name").asText())
          .as("offered only the new name").isEqualTo("create_quote_v2");
      assertThat(offeringOld.at("/choices/0/message/tool_calls/0/function/name").asText())
          .as("offered the old name still (an agent with a stale list)").isEqualTo("create_quote");

      ArrayNode afterQuote = afterGetAccount();
      afterQuote.add(JSON.readTree("{\"role\": \"assistant\", \"content\": null, \"tool_calls\": [{\"id\": \"x2\", "
          + "\"type\": \"function\", \"function\": {\"name\": \"create_quote_v2\", \"arguments\": \"{}\"}}]}"));
      afterQuote.addObject().put("role", "tool").put("tool_call_id", "x2")
          .put("content", ProcurementTools.resultOf("create_quote"));
      ObjectNode next = (ObjectNode) JSON.readTree(body(false, afterQuote));
      next.set("tools", JSON.readTree(renamedTools));
      JsonNode approval = JSON.readTree(sendWithKey(JSON.writeValueAsString(next)).body());
      assertThat(approval.at("/choices/0/message/tool_calls/0/function/name").asText())
          .as("the step after the quote, the renamed tool's result read as create_quote's")
          .isEqualTo("request_approval");
    }
    JsonNode healed = JSON.readTree(sendWithKey(body(false, afterGetAccount())).body());
    assertThat(healed.at("/choices/0/message/tool_calls/0/function/name").asText()).isEqualTo("create_quote");
  }

  @Test
  void base_url_is_on_loopback_and_v1_url_is_what_clients_use() {
    assertThat(endpoint.baseUrl().toString()).as("base URL").isEqualTo("http://127.0.0.1:" + endpoint.port());
    assertThat(endpoint.v1Url().toString()).as("v1 URL").isEqualTo(endpoint.baseUrl() + "/v1");
  }

  @Test
  void a_plain_request_gets_the_first_tool_call_with_usage() throws Exception {
    HttpResponse<String> response = sendWithKey(body(false, goalOnly()));

    assertThat(response.statusCode()).as("status, body " + response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).as("content type").hasValue("application/json");
    JsonNode completion = JSON.readTree(response.body());
    assertThat(completion.at("/choices/0/message/tool_calls/0").toString()).as("tool call").isEqualTo(
        "{\"id\":\"call_1_1\",\"type\":\"function\",\"function\":{\"name\":\"get_account\","
            + "\"arguments\":\"{\\\"account_id\\\":\\\"ACME-001\\\"}\"}}");
    assertThat(completion.at("/choices/0/finish_reason").asText()).as("finish reason").isEqualTo("tool_calls");
    assertThat(completion.at("/usage/total_tokens").asInt()).as("total tokens")
        .isEqualTo(completion.at("/usage/prompt_tokens").asInt() + completion.at("/usage/completion_tokens").asInt())
        .isPositive();
  }

  @Test
  void a_streamed_request_gets_chunks_that_reassemble_into_the_tool_call_then_done() throws Exception {
    HttpResponse<String> response = sendWithKey(body(true, afterGetAccount()));

    assertThat(response.statusCode()).as("status, body " + response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).as("content type")
        .hasValue("text/event-stream; charset=utf-8");
    assertThat(response.body()).as("stream").startsWith("data: {").endsWith("\n\ndata: [DONE]\n\n");
    StringBuilder name = new StringBuilder();
    StringBuilder arguments = new StringBuilder();
    for (String event : response.body().split("\n\n")) {
      JsonNode chunk = event.equals("data: [DONE]") ? JSON.createObjectNode() : JSON.readTree(event.substring(6));
      chunk.at("/choices/0/delta/tool_calls").forEach(call -> {
        name.append(call.at("/function/name").asText(""));
        arguments.append(call.at("/function/arguments").asText(""));
      });
    }
    assertThat(name).as("tool name").hasToString("create_quote");
    assertThat(JSON.readTree(arguments.toString())).as("arguments")
        .isEqualTo(JSON.readTree("{\"account_id\":\"ACME-001\",\"sku\":\"LAPTOP-14\",\"quantity\":5}"));
  }

  @Test
  void every_chat_completion_publishes_an_event_with_its_details() throws Exception {
    sendWithKey(body(true, afterGetAccount()));

    assertThat(events).as("events").singleElement().satisfies(event -> {
      assertThat(event.service()).as("service").isEqualTo("model");
      assertThat(event.actor()).as("actor").isEqualTo("agent");
      assertThat(event.operation()).as("operation").isEqualTo("chat_completion");
      assertThat(event.outcome()).as("outcome").isEqualTo(Outcome.OK);
      assertThat(event.details()).as("details").containsOnlyKeys("turn", "messages", "toolCalls", "stream",
              "status", "promptTokens", "completionTokens", "lastToolResult", "rule", "model")
          .containsEntry("turn", 2).containsEntry("messages", 4).containsEntry("toolCalls", List.of("create_quote"))
          .containsEntry("stream", true).containsEntry("status", 200).containsEntry("lastToolResult", "get_account")
          .containsEntry("rule", "quote after the account").containsEntry("model", "crashtest-procurement");
    });
  }

  @Test
  void the_event_is_published_before_the_answer_is_written() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    endpoint.close();
    endpoint = ModelEndpoint.builder().addEventListener(events::add).addEventListener(event -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }).start();

    CompletableFuture<HttpResponse<String>> answer = http.sendAsync(chat(body(false, goalOnly())).build(),
        BodyHandlers.ofString());

    await("the event of the held request").atMost(5, TimeUnit.SECONDS).until(() -> events.size() == 1);
    await("the answer while the listener holds it").during(Duration.ofMillis(300)).atMost(2, TimeUnit.SECONDS)
        .until(() -> !answer.isDone());
    release.countDown();
    assertThat(answer.get(5, TimeUnit.SECONDS).statusCode()).as("status once released").isEqualTo(200);
  }

  @Test
  void a_listener_that_throws_does_not_break_the_answer() throws Exception {
    endpoint.close();
    endpoint = ModelEndpoint.builder().addEventListener(event -> {
      throw new IllegalStateException("listener bug");
    }).addEventListener(events::add).start();

    HttpResponse<String> response = send(chat(body(false, goalOnly())));

    assertThat(response.statusCode()).as("status").isEqualTo(200);
    assertThat(events).as("later listeners still called").hasSize(1);
  }

  @Test
  void a_request_without_the_key_is_refused_with_401_in_openai_shape() throws Exception {
    HttpResponse<String> response = send(chat(body(false, goalOnly())));

    assertThat(response.statusCode()).as("status").isEqualTo(401);
    assertThat(response.body()).as("body").isEqualTo("{\"error\":{\"message\":\"You didn't provide an API key. You "
        + "need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer "
        + "YOUR_KEY).\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}");
    assertThat(events).as("events").singleElement().satisfies(event -> {
      assertThat(event.outcome()).as("outcome").isEqualTo(Outcome.FAIL);
      assertThat(event.details()).as("details").containsEntry("status", 401).containsEntry("toolCalls", List.of());
    });
  }

  @Test
  void a_request_with_a_wrong_key_is_refused_with_401() throws Exception {
    HttpResponse<String> response = send(chat(body(false, goalOnly())).header("Authorization", "Bearer wrong-key"));

    assertThat(response.statusCode()).as("status").isEqualTo(401);
    assertThat(JSON.readTree(response.body()).at("/error/message").asText()).as("message")
        .startsWith("Incorrect API key provided: wr****ey.");
  }

  @Test
  void a_malformed_request_is_refused_with_400_naming_the_parameter() throws Exception {
    HttpResponse<String> response = sendWithKey("{\"model\": \"m\", \"messages\": \"Buy things\"}");

    assertThat(response.statusCode()).as("status").isEqualTo(400);
    assertThat(JSON.readTree(response.body())).as("body").isEqualTo(JSON.readTree("{\"error\": {\"message\": "
        + "\"Invalid type for 'messages': expected an array, but got string instead.\", \"type\": "
        + "\"invalid_request_error\", \"param\": \"messages\", \"code\": \"invalid_type\"}}"));
    assertThat(events).as("events").singleElement().extracting(ServiceEvent::outcome).as("outcome")
        .isEqualTo(Outcome.FAIL);
  }

  @Test
  void models_lists_the_script_model_behind_the_key() throws Exception {
    HttpRequest.Builder models = HttpRequest.newBuilder(URI.create(endpoint.v1Url() + "/models"));

    HttpResponse<String> response = send(models.copy().header("Authorization", "Bearer " + KEY));

    assertThat(response.statusCode()).as("status").isEqualTo(200);
    assertThat(JSON.readTree(response.body())).as("body").isEqualTo(JSON.readTree("{\"object\": \"list\", \"data\": "
        + "[{\"id\": \"crashtest-procurement\", \"object\": \"model\", \"created\": 1700000000, \"owned_by\": "
        + "\"crashtest\"}]}"));
    assertThat(send(models).statusCode()).as("status without the key").isEqualTo(401);
  }

  @Test
  void an_unknown_path_is_404_in_openai_shape() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(endpoint.v1Url() + "/embeddings?x=1")));

    assertThat(response.statusCode()).as("status").isEqualTo(404);
    assertThat(JSON.readTree(response.body()).at("/error/message").asText()).as("message")
        .isEqualTo("Invalid URL (GET /v1/embeddings)");
  }

  @Test
  void close_frees_the_port() throws IOException {
    int port = endpoint.port();

    endpoint.close();
    endpoint.close();

    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThat(socket.getLocalPort()).as("port bound again after close").isEqualTo(port);
    }
  }

  @Test
  void a_fixed_port_that_is_taken_fails_with_a_message_naming_it() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> ModelEndpoint.builder().withPort(port).start())
          .as("start on a taken port").isInstanceOf(IllegalStateException.class)
          .hasMessage("model: cannot listen on [127.0.0.1:" + port + "]: Address already in use; is the port taken? "
              + "Use port 0 for any free port.");
    }
  }

  @Test
  void the_same_conversation_gets_the_same_answer() throws Exception {
    String first = JSON.readTree(sendWithKey(body(false, afterGetAccount())).body()).at("/choices/0").toString();
    String second = JSON.readTree(sendWithKey(body(false, afterGetAccount())).body()).at("/choices/0").toString();

    assertThat(second).as("second answer").isEqualTo(first);
    assertThat(events).as("events").extracting(event -> event.details().get("turn")).containsExactly(2, 2);
    assertThat(Map.copyOf(events.get(0).details())).as("details of the second request")
        .isEqualTo(events.get(1).details());
  }
}
