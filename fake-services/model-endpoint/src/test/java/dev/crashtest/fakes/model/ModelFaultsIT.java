package dev.crashtest.fakes.model;

import static dev.crashtest.fakes.model.WireClient.JSON;
import static dev.crashtest.fakes.model.WireClient.afterGetAccount;
import static dev.crashtest.fakes.model.WireClient.goalOnly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.ServiceEvent;
import dev.crashtest.fakes.ServiceEvent.Outcome;
import dev.crashtest.fakes.model.WireClient.Line;
import dev.crashtest.fakes.model.WireClient.SseRead;
import java.io.EOFException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One test per fault, asserting what a plain HTTP client sees on the wire, and the event it leaves behind. */
class ModelFaultsIT {
  private final List<ServiceEvent> events = new CopyOnWriteArrayList<>();
  private ModelEndpoint endpoint;
  private WireClient client;

  @BeforeEach
  void start() {
    endpoint = ModelEndpoint.builder().withEventListener(events::add).start();
    client = new WireClient(endpoint.baseUrl());
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private ServiceEvent lastEvent() {
    assertThat(events).as("events").isNotEmpty();
    return events.get(events.size() - 1);
  }

  private static JsonNode json(String body) throws JsonProcessingException {
    return JSON.readTree(body);
  }

  @Test
  void rate_limited_answers_429_with_retry_after_rounded_up_and_openai_error() throws Exception {
    endpoint.faults().inject(ModelFault.rateLimited(Duration.ofMillis(1500)));

    HttpResponse<String> response = client.chat(false, goalOnly());

    assertThat(response.statusCode()).as("status").isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).as("Retry-After").hasValue("2");
    assertThat(json(response.body())).as("body").isEqualTo(json("{\"error\": {\"message\": \"Rate limit reached for "
        + "crashtest-procurement in organization org-crashtest on requests per min (RPM): Limit 60, Used 60, "
        + "Requested 1. Please try again in 2s. Visit https://platform.openai.com/account/rate-limits to learn "
        + "more.\", \"type\": \"requests\", \"param\": null, \"code\": \"rate_limit_exceeded\"}}"));
    assertThat(lastEvent().outcome()).as("outcome").isEqualTo(Outcome.FAIL);
    assertThat(lastEvent().details()).as("details").containsEntry("fault", "rate_limited")
        .containsEntry("status", 429).containsEntry("retryAfterSeconds", 2L).containsEntry("toolCalls", List.of());
  }

  @Test
  void server_error_answers_the_status_with_openai_server_error() throws Exception {
    endpoint.faults().inject(ModelFault.serverError(503));

    HttpResponse<String> response = client.chat(true, goalOnly());

    assertThat(response.statusCode()).as("status").isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type")).as("content type").hasValue("application/json");
    assertThat(json(response.body())).as("body").isEqualTo(json("{\"error\": {\"message\": \"The engine is "
        + "currently overloaded, please try again later.\", \"type\": \"server_error\", \"param\": null, "
        + "\"code\": null}}"));
    assertThat(lastEvent().details()).as("details").containsEntry("fault", "server_error")
        .containsEntry("status", 503);
  }

  @Test
  void overloaded_answers_529_with_overloaded_error() throws Exception {
    endpoint.faults().inject(ModelFault.overloaded());

    HttpResponse<String> response = client.chat(false, goalOnly());

    assertThat(response.statusCode()).as("status").isEqualTo(529);
    assertThat(response.body()).as("body")
        .isEqualTo("{\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
    assertThat(lastEvent().details()).as("details").containsEntry("fault", "overloaded").containsEntry("status", 529);
  }

  @Test
  void delay_makes_a_client_with_a_shorter_timeout_give_up_and_a_patient_one_wait() throws Exception {
    endpoint.faults().inject(ModelFault.delay(Duration.ofMillis(700)).forRequests(2));

    assertThatThrownBy(() -> client.chat(false, goalOnly(), Duration.ofMillis(200)))
        .as("a client with a 200 ms timeout").isInstanceOf(HttpTimeoutException.class);
    long start = System.nanoTime();
    HttpResponse<String> patient = client.chat(false, goalOnly(), Duration.ofSeconds(5));

    assertThat(patient.statusCode()).as("status for a patient client").isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to the answer")
        .isGreaterThanOrEqualTo(Duration.ofMillis(700));
    assertThat(lastEvent().outcome()).as("outcome").isEqualTo(Outcome.OK);
    assertThat(lastEvent().details()).as("details").containsEntry("fault", "delay").containsEntry("status", 200)
        .containsEntry("delayMillis", 700L).containsEntry("toolCalls", List.of("get_account"));
  }

  @Test
  void malformed_json_answers_200_with_json_cut_in_half() throws Exception {
    endpoint.faults().inject(ModelFault.malformedJson());

    HttpResponse<String> response = client.chat(false, goalOnly());

    assertThat(response.statusCode()).as("status").isEqualTo(200);
    assertThat(response.body()).as("body").startsWith("{\"id\":\"chatcmpl-");
    assertThatThrownBy(() -> JSON.readTree(response.body())).as("parsing the body")
        .isInstanceOf(JsonProcessingException.class);
    assertThat(lastEvent().outcome()).as("outcome").isEqualTo(Outcome.FAIL);
    assertThat(lastEvent().details()).as("details").containsEntry("fault", "malformed_json")
        .containsEntry("status", 200).containsEntry("toolCalls", List.of());
  }

  @Test
  void malformed_json_on_a_stream_breaks_the_first_event_only() throws Exception {
    endpoint.faults().inject(ModelFault.malformedJson());

    SseRead read = client.stream(goalOnly());

    assertThat(read.failure()).as("read failure").isEmpty();
    assertThat(read.data()).as("events").hasSizeGreaterThan(2).last().isEqualTo("[DONE]");
    assertThatThrownBy(() -> JSON.readTree(read.data().get(0))).as("parsing the first event")
        .isInstanceOf(JsonProcessingException.class);
    assertThat(JSON.readTree(read.data().get(1)).at("/object").asText()).as("second event")
        .isEqualTo("chat.completion.chunk");
  }

  @Test
  void stream_cut_after_two_chunks_delivers_two_events_then_breaks_the_connection_without_done() throws Exception {
    endpoint.faults().inject(ModelFault.streamCutAfter(2));

    SseRead read = client.stream(afterGetAccount());

    assertThat(read.status()).as("status").isEqualTo(200);
    assertThat(read.chunks()).as("chunks before the cut").hasSize(2)
        .allSatisfy(chunk -> assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk"));
    assertThat(read.data()).as("events").doesNotContain("[DONE]");
    assertThat(read.failure()).as("how reading ended").hasValueSatisfying(failure -> assertThat(failure)
        .hasRootCauseInstanceOf(EOFException.class).hasStackTraceContaining("fixed content-length: "));
    assertThat(lastEvent().outcome()).as("outcome").isEqualTo(Outcome.FAIL);
    assertThat(lastEvent().details()).as("details").containsEntry("fault", "stream_cut")
        .containsEntry("status", 200).containsEntry("chunks", 2).containsEntry("toolCalls", List.of());
  }

  @Test
  void stream_cut_on_a_plain_request_breaks_the_body_mid_way() throws Exception {
    endpoint.faults().inject(ModelFault.streamCutAfter(2));

    assertThatThrownBy(() -> client.chat(false, goalOnly())).as("reading a plain answer")
        .isInstanceOf(IOException.class).hasMessageMatching("fixed content-length: \\d+, bytes received: \\d+")
        .hasRootCauseInstanceOf(EOFException.class);
    assertThat(lastEvent().details()).as("details").containsEntry("fault", "stream_cut").containsEntry("status", 200);
  }

  @Test
  void slow_stream_delivers_each_event_after_the_pause() throws Exception {
    endpoint.faults().inject(ModelFault.slowStream(Duration.ofMillis(150)));

    SseRead read = client.stream(afterGetAccount());

    assertThat(read.failure()).as("read failure").isEmpty();
    List<Line> data = read.dataLines();
    assertThat(data).as("events").hasSizeGreaterThan(3).last().extracting(Line::text).isEqualTo("[DONE]");
    assertThat(read.chunks()).as("every event is whole JSON").hasSize(data.size() - 1);
    for (int i = 1; i < data.size() - 1; i++) {
      assertThat(data.get(i).arrived().minus(data.get(i - 1).arrived())).as("gap before event " + i)
          .isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }
    assertThat(lastEvent().outcome()).as("outcome").isEqualTo(Outcome.OK);
    assertThat(lastEvent().details()).as("details").containsEntry("fault", "slow_stream")
        .containsEntry("perChunkMillis", 150L).containsEntry("chunks", data.size() - 1);
  }

  @Test
  void context_length_exceeded_answers_400_only_when_the_prompt_exceeds_the_budget() throws Exception {
    InjectedFault fault = endpoint.faults().inject(ModelFault.contextLengthExceeded(150));

    HttpResponse<String> small = client.chat(false, goalOnly());
    HttpResponse<String> large = client.chat(false, afterGetAccount());

    assertThat(small.statusCode()).as("status of a prompt under the budget").isEqualTo(200);
    assertThat(large.statusCode()).as("status of a prompt over the budget").isEqualTo(400);
    int prompt = (Integer) lastEvent().details().get("promptTokens");
    assertThat(json(large.body())).as("body").isEqualTo(json("{\"error\": {\"message\": \"This model's maximum "
        + "context length is 150 tokens. However, your messages resulted in " + prompt + " tokens. Please reduce the "
        + "length of the messages.\", \"type\": \"invalid_request_error\", \"param\": \"messages\", \"code\": "
        + "\"context_length_exceeded\"}}"));
    assertThat(fault.hits()).as("hits").isEqualTo(1);
    assertThat(events).as("fault per event").extracting(event -> event.details().getOrDefault("fault", "none"))
        .containsExactly("none", "context_length_exceeded");
    assertThat(lastEvent().details()).as("details").containsEntry("status", 400).containsEntry("tokenBudget", 150);
  }

  @Test
  void wrong_tool_arguments_sends_the_scripted_tool_with_one_valid_but_wrong_argument() throws Exception {
    endpoint.faults().inject(ModelFault.wrongToolArguments(7));

    HttpResponse<String> response = client.chat(false, afterGetAccount());

    assertThat(response.statusCode()).as("status").isEqualTo(200);
    JsonNode call = json(response.body()).at("/choices/0/message/tool_calls/0/function");
    assertThat(call.get("name").asText()).as("tool").isEqualTo("create_quote");
    JsonNode arguments = json(call.get("arguments").asText());
    JsonNode scripted = json("{\"account_id\": \"ACME-001\", \"sku\": \"LAPTOP-14\", \"quantity\": 5}");
    assertThat(arguments).as("arguments").isNotEqualTo(scripted);
    assertThat(arguments.get("account_id").asText()).as("account")
        .isIn("ACME-001", "GLOBEX-002", "INITECH-003", "UMBRELLA-004");
    assertThat(arguments.get("sku").asText()).as("sku").isIn("LAPTOP-14", "MONITOR-27", "DOCK-USB-C", "HEADSET-PRO");
    assertThat(arguments.get("quantity").isInt() && arguments.get("quantity").asInt() >= 1).as("quantity >= 1")
        .isTrue();
    assertThat(lastEvent().outcome()).as("outcome").isEqualTo(Outcome.OK);
    assertThat(lastEvent().details()).as("details").containsEntry("fault", "wrong_tool_arguments")
        .containsEntry("toolCalls", List.of("create_quote")).containsKey("wrongArguments");
  }

  @Test
  void wrong_tool_arguments_are_the_same_for_the_same_seed() throws Exception {
    endpoint.faults().inject(ModelFault.wrongToolArguments(7));
    String first = client.chat(false, afterGetAccount()).body();
    String second = client.chat(true, afterGetAccount()).body();
    endpoint.faults().healAll();
    endpoint.faults().inject(ModelFault.wrongToolArguments(7));
    String third = client.chat(false, afterGetAccount()).body();

    assertThat(json(third).at("/choices/0/message/tool_calls")).as("same seed, new injection")
        .isEqualTo(json(first).at("/choices/0/message/tool_calls"));
    assertThat(events).as("wrong arguments per request")
        .extracting(event -> event.details().get("wrongArguments")).first()
        .isEqualTo(events.get(1).details().get("wrongArguments"))
        .isEqualTo(events.get(2).details().get("wrongArguments"));
    assertThat(second).as("streamed answer").contains("data: [DONE]");
  }
}
