package dev.crashtest.fakes.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.fakes.ServiceEvent;
import dev.crashtest.fakes.proxy.RawApi.Answer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Toxiproxy's API byte for byte where clients depend on it: bodies, status codes, error texts, defaults. */
@Timeout(30)
class ApiContractIT {
  private static final String ECHO = "127.0.0.1:1";

  private final List<ServiceEvent> events = new CopyOnWriteArrayList<>();
  private FaultProxyServer server;
  private RawApi api;

  @BeforeEach
  void start() {
    server = FaultProxyServer.builder().withRandom(new Random(5)).withEventListener(events::add).start();
    api = new RawApi(server.baseUrl());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void proxy_create_answers_201_with_every_field() throws Exception {
    Answer answer = createProxy("a");

    assertThat(answer.status()).as("status").isEqualTo(201);
    assertThat(answer.body()).as("body").matches(
        "\\{\"name\":\"a\",\"listen\":\"127\\.0\\.0\\.1:\\d+\",\"upstream\":\"127\\.0\\.0\\.1:1\",\"enabled\":true,"
            + "\"toxics\":\\[]}");
  }

  @Test
  void disabled_proxy_can_be_created_and_keeps_its_listen_as_given() throws Exception {
    Answer answer = api.send("POST", "/proxies",
        "{\"name\":\"off\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + ECHO + "\",\"enabled\":false}");

    assertThat(answer.body()).as("body").isEqualTo(
        "{\"name\":\"off\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:1\",\"enabled\":false,\"toxics\":[]}");
  }

  @Test
  void proxy_list_is_an_object_keyed_by_sorted_names() throws Exception {
    for (String name : List.of("zeta", "alpha", "mid:1")) {
      api.send("POST", "/proxies", "{\"name\":\"" + name + "\",\"upstream\":\"" + ECHO + "\",\"enabled\":false}");
    }

    Answer answer = api.send("GET", "/proxies", null);

    assertThat(answer.body()).as("body").startsWith("{\"alpha\":{\"name\":\"alpha\"")
        .containsSubsequence("\"alpha\":", "\"mid:1\":", "\"zeta\":");
  }

  @Test
  void toxic_create_answers_200_with_defaults_and_zero_attributes() throws Exception {
    createProxy("p");

    Answer answer = api.send("POST", "/proxies/p/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":100}}");

    assertThat(answer.status()).as("status").isEqualTo(200);
    assertThat(answer.body()).as("body").isEqualTo("{\"attributes\":{\"latency\":100,\"jitter\":0},"
        + "\"name\":\"latency_downstream\",\"type\":\"latency\",\"stream\":\"downstream\",\"toxicity\":1}");
  }

  @Test
  void partial_toxic_update_merges_into_the_existing_toxic() throws Exception {
    createProxy("p");
    api.send("POST", "/proxies/p/toxics",
        "{\"name\":\"s\",\"type\":\"slicer\",\"stream\":\"upstream\","
            + "\"attributes\":{\"average_size\":64,\"delay\":5}}");

    api.send("PATCH", "/proxies/p/toxics/s", "{\"attributes\":{\"size_variation\":8}}");
    Answer answer = api.send("POST", "/proxies/p/toxics/s", "{\"toxicity\":0.5}");

    assertThat(answer.body()).as("body").isEqualTo("{\"attributes\":{\"average_size\":64,\"size_variation\":8,"
        + "\"delay\":5},\"name\":\"s\",\"type\":\"slicer\",\"stream\":\"upstream\",\"toxicity\":0.5}");
  }

  @Test
  void partial_proxy_update_keeps_the_other_fields() throws Exception {
    createProxy("p");

    Answer answer = api.send("PATCH", "/proxies/p", "{\"enabled\":false}");

    assertThat(answer.status()).as("status").isEqualTo(200);
    assertThat(answer.body()).as("body").matches("\\{\"name\":\"p\",\"listen\":\"127\\.0\\.0\\.1:\\d+\","
        + "\"upstream\":\"127\\.0\\.0\\.1:1\",\"enabled\":false,\"toxics\":\\[]}");
  }

  @Test
  void errors_are_toxiproxy_json_with_the_status() throws Exception {
    createProxy("p");
    api.send("POST", "/proxies/p/toxics", "{\"name\":\"t\",\"type\":\"timeout\"}");

    assertError(api.send("POST", "/proxies", "{\"name\":\"p\",\"upstream\":\"" + ECHO + "\"}"),
        409, "proxy already exists");
    assertError(api.send("GET", "/proxies/nope", null), 404, "proxy not found");
    assertError(api.send("GET", "/proxies/p/toxics/nope", null), 404, "toxic not found");
    assertError(api.send("DELETE", "/proxies/p/toxics/nope", null), 404, "toxic not found");
    assertError(api.send("POST", "/proxies/p/toxics", "{\"name\":\"t\",\"type\":\"latency\"}"),
        409, "toxic already exists");
    assertError(api.send("POST", "/proxies/p/toxics", "{\"type\":\"latency\",\"stream\":\"sideways\"}"),
        400, "stream was invalid, can be either upstream or downstream");
    assertError(api.send("POST", "/proxies/p/toxics", "{\"type\":\"explode\"}"), 400, "invalid toxic type");
    assertError(api.send("POST", "/proxies", "{\"upstream\":\"" + ECHO + "\"}"), 400, "missing required field: name");
    assertError(api.send("POST", "/proxies", "{\"name\":\"q\"}"), 400, "missing required field: upstream");
    assertError(api.send("POST", "/proxies", ""), 400, "bad request body: EOF");
    assertError(api.send("POST", "/proxies/p/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":\"x\"}}"),
        400, "bad request body: field [attributes.latency] must be an integer, got \"x\"");
  }

  @Test
  void listen_on_a_busy_port_is_a_500_with_go_wording() throws Exception {
    Answer first = createProxy("p");
    String listen = first.body().replaceAll(".*\"listen\":\"([^\"]+)\".*", "$1");

    Answer answer = api.send("POST", "/proxies",
        "{\"name\":\"q\",\"listen\":\"" + listen + "\",\"upstream\":\"" + ECHO + "\"}");

    assertError(answer, 500, "listen tcp " + listen + ": bind: address already in use");
  }

  @Test
  void delete_and_reset_answer_204_without_a_body() throws Exception {
    createProxy("p");
    api.send("POST", "/proxies/p/toxics", "{\"type\":\"latency\"}");

    Answer removeToxic = api.send("DELETE", "/proxies/p/toxics/latency_downstream", null);
    Answer reset = api.send("POST", "/reset", null);
    Answer deleteProxy = api.send("DELETE", "/proxies/p", null);

    assertThat(List.of(removeToxic.status(), reset.status(), deleteProxy.status())).as("statuses")
        .containsExactly(204, 204, 204);
    assertThat(removeToxic.body() + reset.body() + deleteProxy.body()).as("bodies").isEmpty();
  }

  @Test
  void populate_creates_keeps_and_replaces_proxies() throws Exception {
    createProxy("kept");
    String kept = api.send("GET", "/proxies/kept", null).body();
    String listen = kept.replaceAll(".*\"listen\":\"([^\"]+)\".*", "$1");

    Answer answer = api.send("POST", "/populate", "[{\"name\":\"kept\",\"listen\":\"" + listen + "\",\"upstream\":\""
        + ECHO + "\"},{\"name\":\"new\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + ECHO + "\",\"enabled\":false}]");

    assertThat(answer.status()).as("status").isEqualTo(201);
    assertThat(answer.body()).as("body").isEqualTo("{\"proxies\":[" + kept
        + ",{\"name\":\"new\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:1\",\"enabled\":false,"
        + "\"toxics\":[]}]}");
  }

  @Test
  void populate_checks_every_entry_before_creating_any() throws Exception {
    Answer answer = api.send("POST", "/populate",
        "[{\"name\":\"a\",\"upstream\":\"" + ECHO + "\"},{\"name\":\"b\"}]");

    assertThat(answer.status()).as("status").isEqualTo(400);
    assertThat(answer.body()).as("body")
        .isEqualTo("{\"error\":\"missing required field: upstream at proxy 2\",\"status\":400,\"proxies\":[]}");
    assertThat(api.send("GET", "/proxies", null).body()).as("proxies").isEqualTo("{}");
  }

  @Test
  void unknown_routes_are_404_and_wrong_methods_405_as_with_gorilla_mux() throws Exception {
    Answer unknown = api.send("GET", "/nothing", null);
    Answer wrongMethod = api.send("DELETE", "/proxies", null);

    assertThat(unknown.status()).as("unknown route").isEqualTo(404);
    assertThat(unknown.body()).as("unknown route body").isEqualTo("404 page not found\n");
    assertThat(wrongMethod.status()).as("wrong method").isEqualTo(405);
  }

  @Test
  void version_answers_json() throws Exception {
    Answer answer = api.send("GET", "/version", null);

    assertThat(answer.body()).as("body").isEqualTo("{\"version\": \"2.12.0+crashtest\"}\n");
    assertThat(answer.contentType()).as("content type").isEqualTo("application/json;charset=utf-8");
  }

  @Test
  void every_change_publishes_one_event_with_its_details() throws Exception {
    createProxy("p");
    api.send("POST", "/proxies/p/toxics", "{\"name\":\"t\",\"type\":\"bandwidth\",\"attributes\":{\"rate\":5}}");
    api.send("POST", "/proxies/p/toxics/t", "{\"attributes\":{\"rate\":6}}");
    api.send("DELETE", "/proxies/p/toxics/t", null);
    api.send("POST", "/proxies/p", "{\"enabled\":false}");
    api.send("POST", "/reset", null);
    api.send("DELETE", "/proxies/p", null);
    api.send("GET", "/proxies", null);

    assertThat(events).extracting(ServiceEvent::operation).as("operations").containsExactly("create_proxy",
        "add_toxic", "update_toxic", "remove_toxic", "update_proxy", "reset", "delete_proxy");
    assertThat(events).extracting(ServiceEvent::service).as("services").containsOnly("proxy");
    assertThat(events.get(2).details()).as("update_toxic details").containsAllEntriesOf(Map.of("proxy", "p",
        "toxic", "t", "type", "bandwidth", "stream", "downstream", "attributes", Map.of("rate", 6L)));
  }

  @Test
  void failed_change_publishes_a_fail_event_with_the_error() throws Exception {
    api.send("DELETE", "/proxies/ghost", null);

    assertThat(events).as("events").singleElement().satisfies(event -> {
      assertThat(event.operation()).as("operation").isEqualTo("delete_proxy");
      assertThat(event.outcome()).as("outcome").isEqualTo(ServiceEvent.Outcome.FAIL);
      assertThat(event.details()).as("details")
          .isEqualTo(Map.of("proxy", "ghost", "error", "proxy not found", "status", 404));
    });
  }

  private Answer createProxy(String name) throws IOException, InterruptedException {
    return api.send("POST", "/proxies",
        "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + ECHO + "\"}");
  }

  private static void assertError(Answer answer, int status, String message) {
    assertThat(answer.status()).as("status for [" + message + "]").isEqualTo(status);
    assertThat(answer.body()).as("body")
        .isEqualTo("{\"error\":\"" + message.replace("\"", "\\\"") + "\",\"status\":" + status + "}\n");
  }
}
