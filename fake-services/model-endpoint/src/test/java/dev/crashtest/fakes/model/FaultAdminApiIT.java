package dev.crashtest.fakes.model;

import static dev.crashtest.fakes.model.WireClient.JSON;
import static dev.crashtest.fakes.model.WireClient.goalOnly;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.ServiceEvent;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fault admin API on the model endpoint's own port, for a model running in another process. */
class FaultAdminApiIT {
  private static final String FAULTS = "/__crashtest/faults";
  private static final String KNOWN = "known types: rate_limited {retryAfterSeconds}, server_error {status}, "
      + "overloaded, delay {delayMillis}, malformed_json, stream_cut {chunks}, slow_stream {perChunkMillis}, "
      + "context_length_exceeded {tokenBudget}, wrong_tool_arguments {seed?}; every type also takes forRequests?, "
      + "whenToolCall?";

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

  private HttpResponse<String> post(String body) throws Exception {
    return client.admin("POST", FAULTS, body);
  }

  private static JsonNode json(String body) throws Exception {
    return JSON.readTree(body);
  }

  @Test
  void post_injects_a_fault_that_the_next_chat_completions_see() throws Exception {
    HttpResponse<String> created = post("{\"type\": \"rate_limited\", \"retryAfterSeconds\": 2, \"forRequests\": 1}");

    assertThat(created.statusCode()).as("status, body " + created.body()).isEqualTo(201);
    assertThat(json(created.body())).as("body").isEqualTo(json("{\"id\": \"f-1\", \"type\": \"rate_limited\", "
        + "\"description\": \"429 rate_limit_exceeded with Retry-After 2 s, next request\"}"));
    assertThat(endpoint.faults().active()).as("active faults").extracting(InjectedFault::id).containsExactly("f-1");
    assertThat(client.chat(false, goalOnly()).statusCode()).as("first chat status").isEqualTo(429);
    assertThat(client.chat(false, goalOnly()).statusCode()).as("second chat status").isEqualTo(200);
    assertThat(events).as("fault per event").extracting(event -> event.details().getOrDefault("fault", "none"))
        .containsExactly("rate_limited", "none");
  }

  @Test
  void get_lists_the_active_faults_with_their_hits() throws Exception {
    post("{\"type\": \"server_error\", \"status\": 502}");
    post("{\"type\": \"wrong_tool_arguments\", \"seed\": 3, \"whenToolCall\": \"create_quote\", \"forRequests\": 2}");

    assertThat(client.chat(false, goalOnly()).statusCode()).as("chat status").isEqualTo(502);
    HttpResponse<String> listed = client.admin("GET", FAULTS, null);

    assertThat(listed.statusCode()).as("status").isEqualTo(200);
    assertThat(json(listed.body())).as("body").isEqualTo(json("[{\"id\": \"f-1\", \"type\": \"server_error\", "
        + "\"description\": \"502 server_error\", \"hits\": 1}, {\"id\": \"f-2\", \"type\": "
        + "\"wrong_tool_arguments\", \"description\": \"tool calls with a wrong argument (seed 3), only answers "
        + "calling create_quote, next 2 requests\", \"hits\": 0}]"));
  }

  @Test
  void delete_by_id_heals_one_fault_and_delete_all_heals_the_rest() throws Exception {
    post("{\"type\": \"overloaded\"}");
    post("{\"type\": \"delay\", \"delayMillis\": 50}");
    post("{\"type\": \"stream_cut\", \"chunks\": 1}");

    HttpResponse<String> one = client.admin("DELETE", FAULTS + "/f-2", null);
    List<String> afterOne = endpoint.faults().active().stream().map(InjectedFault::id).toList();
    HttpResponse<String> all = client.admin("DELETE", FAULTS, null);

    assertThat(one.statusCode()).as("status of DELETE f-2").isEqualTo(204);
    assertThat(afterOne).as("active after DELETE f-2").containsExactly("f-1", "f-3");
    assertThat(all.statusCode()).as("status of DELETE all").isEqualTo(204);
    assertThat(endpoint.faults().active()).as("active after DELETE all").isEmpty();
    assertThat(json(client.admin("GET", FAULTS, null).body())).as("listed after DELETE all").isEmpty();
  }

  @Test
  void deleting_an_unknown_fault_is_404_naming_it() throws Exception {
    post("{\"type\": \"overloaded\"}");

    HttpResponse<String> response = client.admin("DELETE", FAULTS + "/f-9", null);

    assertThat(response.statusCode()).as("status").isEqualTo(404);
    assertThat(json(response.body())).as("body").isEqualTo(json("{\"error\": \"unknown_fault\", \"field\": \"id\", "
        + "\"message\": \"model: no active fault [f-9]; active: [f-1] (a healed or used-up fault is gone)\"}"));
  }

  @Test
  void an_unknown_type_is_400_naming_it_and_listing_the_known_types() throws Exception {
    HttpResponse<String> response = post("{\"type\": \"meltdown\"}");

    assertThat(response.statusCode()).as("status").isEqualTo(400);
    assertThat(json(response.body())).as("body").isEqualTo(JSON.createObjectNode().put("error", "invalid_fault")
        .put("field", "type").put("message", "model fault [meltdown]: [type] is unknown; " + KNOWN));
  }

  @Test
  void a_missing_unknown_or_invalid_field_is_400_naming_the_field() throws Exception {
    List<String> messages = List.of(
        json(post("{\"type\": \"rate_limited\"}").body()).get("message").asText(),
        json(post("{\"type\": \"rate_limited\", \"retryAfter\": 2}").body()).get("message").asText(),
        json(post("{\"type\": \"server_error\", \"status\": 418}").body()).get("message").asText(),
        json(post("{\"type\": \"stream_cut\", \"chunks\": \"two\"}").body()).get("message").asText(),
        json(post("{\"type\": \"overloaded\", \"forRequests\": 0}").body()).get("message").asText(),
        json(post("not json").body()).get("message").asText());

    assertThat(messages).as("messages").containsExactly(
        "model fault [rate_limited]: [retryAfterSeconds] is missing; " + KNOWN,
        "model fault [rate_limited]: [retryAfter] is unknown; it takes retryAfterSeconds; " + KNOWN,
        "model fault [server_error]: [status] 418 is not a server error the fake model answers with; use 500, 502 "
            + "or 503 (or overloaded() for 529); " + KNOWN,
        "model fault [stream_cut]: [chunks] \"two\" is not a whole number; " + KNOWN,
        "model fault [overloaded]: [forRequests] 0 must be at least 1; leave it out to last until healed; " + KNOWN,
        "model fault [?]: [body] is not a JSON object; send e.g. {\"type\": \"rate_limited\", "
            + "\"retryAfterSeconds\": 2, \"forRequests\": 3}; " + KNOWN);
    assertThat(endpoint.faults().active()).as("active faults").isEmpty();
  }

  @Test
  void other_methods_are_405_with_allow() throws Exception {
    HttpResponse<String> response = client.admin("PUT", FAULTS, "{}");

    assertThat(response.statusCode()).as("status").isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).as("Allow").hasValue("GET, POST, DELETE");
  }
}
