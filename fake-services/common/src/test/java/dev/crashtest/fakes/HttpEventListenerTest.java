package dev.crashtest.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.fakes.ServiceEvent.Outcome;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpEventListenerTest {

  @Test
  void an_event_is_one_json_object_with_its_time_as_an_iso_instant() {
    ServiceEvent event = new ServiceEvent(Instant.parse("2025-01-02T03:04:05.678Z"), "crm", "naive-agent",
        "place_order", Outcome.OK, Map.of("orderId", "O-1"));

    assertThat(HttpEventListener.json(event)).as("JSON of the event").isEqualTo(
        "{\"time\":\"2025-01-02T03:04:05.678Z\",\"service\":\"crm\",\"actor\":\"naive-agent\","
            + "\"operation\":\"place_order\",\"outcome\":\"OK\",\"details\":{\"orderId\":\"O-1\"}}");
  }

  @Test
  void details_keep_their_json_types() throws Exception {
    ServiceEvent event = new ServiceEvent(Instant.parse("2025-01-02T03:04:05Z"), "model", "agent",
        "chat_completion", Outcome.OK, Map.of("total", 1299.5, "turn", 2, "toolCalls", List.of("get_account"),
            "stream", false, "usage", Map.of("promptTokens", 12)));

    Map<?, ?> details = (Map<?, ?>) new ObjectMapper().readValue(HttpEventListener.json(event), Map.class)
        .get("details");

    assertThat(details).as("details read back").isEqualTo(Map.of("total", 1299.5, "turn", 2,
        "toolCalls", List.of("get_account"), "stream", false, "usage", Map.of("promptTokens", 12)));
  }

  @Test
  void details_that_are_not_json_values_are_sent_as_text() {
    ServiceEvent event = new ServiceEvent(Instant.parse("2025-01-02T03:04:05Z"), "identity", null, "user_token",
        Outcome.FAIL, Map.of("expiresAt", Instant.parse("2025-01-02T04:04:05Z"), "outcome", Outcome.OK));

    assertThat(HttpEventListener.json(event)).as("JSON of the event")
        .contains("\"actor\":\"anonymous\"", "\"outcome\":\"FAIL\"", "\"expiresAt\":\"2025-01-02T04:04:05Z\"",
            "\"outcome\":\"OK\"");
  }

  @Test
  void a_receiver_parses_back_the_event_that_was_sent() {
    ServiceEvent event = new ServiceEvent(Instant.parse("2026-11-26T10:00:00.123456Z"), "crm", "naive-agent",
        "place_order", Outcome.FAIL, Map.of("status", 401, "delegated", true, "scope", "crm.read crm.write"));

    assertThat(HttpEventListener.parse(HttpEventListener.json(event))).as("round trip").isEqualTo(event);
  }

  @Test
  void a_body_that_is_not_an_event_is_refused_naming_what_is_missing() {
    assertThatThrownBy(() -> HttpEventListener.parse("{\"service\":\"crm\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event has no [time]: {\"service\":\"crm\"}");
  }

  @Test
  void a_url_that_is_not_http_is_refused_with_an_example() {
    assertThatThrownBy(() -> HttpEventListener.to(URI.create("file:/tmp/events"))).as("file URL")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("events: [file:/tmp/events] is not an http(s) URL to post events to, e.g. "
            + "HttpEventListener.to(URI.create(\"http://127.0.0.1:40100/events\"))");
  }

  @Test
  void events_url_option_installs_a_listener_to_that_url() {
    StandaloneOptions options = StandaloneOptions.parse("crm",
        new String[] {"--events-url", "http://127.0.0.1:40100/events"}, List.of(StandaloneOptions.EVENTS_URL));

    assertThat(options.eventListener()).as("listener of --events-url")
        .isInstanceOfSatisfying(HttpEventListener.class, listener -> assertThat(listener.uri()).as("its URL")
            .isEqualTo(URI.create("http://127.0.0.1:40100/events")));
  }

  @Test
  void without_events_url_no_event_is_sent() {
    StandaloneOptions options = StandaloneOptions.parse("crm", new String[0], List.of(StandaloneOptions.EVENTS_URL));

    assertThat(options.eventListener()).as("listener without --events-url").isSameAs(ServiceEventListener.NONE);
  }

  @Test
  void an_events_url_that_is_not_a_url_is_refused_naming_the_option() {
    StandaloneOptions options = StandaloneOptions.parse("model", new String[] {"--events-url", "localhost:40100"},
        List.of(StandaloneOptions.EVENTS_URL));

    assertThatThrownBy(options::eventListener).as("bad --events-url")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model: --events-url [localhost:40100] is not an http(s) URL, e.g. --events-url "
            + "http://127.0.0.1:40100/events");
  }
}
