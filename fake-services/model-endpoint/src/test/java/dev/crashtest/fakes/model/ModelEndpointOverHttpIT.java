package dev.crashtest.fakes.model;

import static dev.crashtest.fakes.model.WireClient.JSON;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crashtest.fakes.testing.EventSinkServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The model endpoint as the harness drives it in a container: started by {@link ModelEndpointMain}'s own option
 * parsing (in this JVM), faults posted as {@link ModelFault#toWire()}, events received over HTTP.
 */
class ModelEndpointOverHttpIT {
  private static final String KEY = "crashtest-model-key";
  private static final List<ModelFault> EVERY_KIND = List.of(
      ModelFault.rateLimited(Duration.ofMillis(1500)).forRequests(3).whenToolCall("create_quote"),
      ModelFault.serverError(503).forRequests(1),
      ModelFault.overloaded(),
      ModelFault.delay(Duration.ofMillis(250)),
      ModelFault.malformedJson().whenToolCall("get_account"),
      ModelFault.streamCutAfter(2),
      ModelFault.slowStream(Duration.ofMillis(20)),
      ModelFault.contextLengthExceeded(4000),
      ModelFault.wrongToolArguments(7).forRequests(2));

  private EventSinkServer sink;
  private ModelEndpoint model;
  private WireClient admin;

  @BeforeEach
  void start() {
    sink = EventSinkServer.start();
    model = ModelEndpointMain.start(
        new String[] {"--port", "0", "--api-key", KEY, "--events-url", sink.url().toString()});
    admin = new WireClient(model.baseUrl());
  }

  @AfterEach
  void stop() {
    model.close();
    sink.close();
  }

  @Test
  void main_answers_the_procurement_goal_for_the_harness_key_and_posts_the_event() throws Exception {
    HttpResponse<String> withoutKey = chat(null);
    HttpResponse<String> withKey = chat(KEY);

    assertThat(withoutKey.statusCode()).as("status without the key").isEqualTo(401);
    assertThat(withKey.statusCode()).as("status with the key, body " + withKey.body()).isEqualTo(200);
    assertThat(JSON.readTree(withKey.body()).at("/choices/0/message/tool_calls/0/function/name").asText())
        .as("tool the procurement script calls first").isEqualTo("get_account");
    await("the event of the answered chat completion at the sink").atMost(5, SECONDS)
        .until(() -> sink.bodies().stream().anyMatch(body -> body.contains("\"toolCalls\":[\"get_account\"]")));
    JsonNode event = JSON.readTree(sink.bodies().stream()
        .filter(body -> body.contains("\"toolCalls\":[\"get_account\"]")).findFirst().orElseThrow());
    assertThat(event.path("service").asText()).as("service").isEqualTo("model");
    assertThat(event.path("actor").asText()).as("actor").isEqualTo("agent");
    assertThat(event.path("operation").asText()).as("operation").isEqualTo("chat_completion");
    assertThat(event.path("outcome").asText()).as("outcome").isEqualTo("OK");
    assertThat(event.path("time").asText()).as("time").matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(event.at("/details/status").asInt()).as("details.status").isEqualTo(200);
  }

  @Test
  void every_kind_posted_as_its_wire_form_is_injected_as_the_same_fault_and_healed_by_id() throws Exception {
    List<String> ids = new ArrayList<>();
    for (ModelFault fault : EVERY_KIND) {
      String body = JSON.writeValueAsString(fault.toWire());
      HttpResponse<String> created = admin.admin("POST", "/__crashtest/faults", body);
      assertThat(created.statusCode()).as("status of POST %s, body %s", fault.toWire(), created.body()).isEqualTo(201);
      JsonNode answer = JSON.readTree(created.body());
      assertThat(answer.path("type").asText()).as("type answered for %s", fault).isEqualTo(fault.name());
      assertThat(answer.path("description").asText()).as("description answered for %s", fault)
          .isEqualTo(fault.describe());
      ids.add(answer.path("id").asText());
    }

    HttpResponse<String> healed = admin.admin("DELETE", "/__crashtest/faults/" + ids.get(0), null);
    JsonNode listed = JSON.readTree(admin.admin("GET", "/__crashtest/faults", null).body());
    HttpResponse<String> allHealed = admin.admin("DELETE", "/__crashtest/faults", null);

    assertThat(ids).as("ids").containsExactly("f-1", "f-2", "f-3", "f-4", "f-5", "f-6", "f-7", "f-8", "f-9");
    assertThat(healed.statusCode()).as("status of DELETE f-1").isEqualTo(204);
    assertThat(listed.findValuesAsText("id")).as("active after healing f-1")
        .containsExactlyElementsOf(ids.subList(1, 9));
    assertThat(allHealed.statusCode()).as("status of DELETE all").isEqualTo(204);
    assertThat(model.faults().active()).as("active faults at the end").isEmpty();
  }

  @Test
  void a_wildcard_bind_is_still_called_on_127_0_0_1() {
    try (ModelEndpoint wildcard = ModelEndpointMain.start(new String[] {"--host", "0.0.0.0", "--port", "0"})) {
      assertThat(wildcard.baseUrl().toString()).as("base URL of a wildcard bind")
          .matches("http://127\\.0\\.0\\.1:\\d+");
    }
  }

  private HttpResponse<String> chat(String key) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(model.v1Url() + "/chat/completions"))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(WireClient.body(false, WireClient.goalOnly())));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
