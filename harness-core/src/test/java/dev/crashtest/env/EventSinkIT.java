package dev.crashtest.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.fakes.ServiceEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The sink fakes in containers post their events to: an event it cannot parse is handed on, never dropped. */
class EventSinkIT {
  private final List<ServiceEvent> accepted = new CopyOnWriteArrayList<>();
  private final List<String> rejected = new CopyOnWriteArrayList<>();

  private final EventSink.Events events = new EventSink.Events() {
    @Override
    public void accept(ServiceEvent event) {
      accepted.add(event);
    }

    @Override
    public void reject(String body, String why) {
      rejected.add(body + " | " + why);
    }
  };

  @Test
  void a_body_that_is_no_event_is_refused_and_handed_on_with_the_reason() throws Exception {
    try (EventSink sink = EventSink.start(events)) {
      int status = post(sink.url(), "{\"service\":\"crm\",\"operation\":\"place_order\",\"outcome\":\"OK\"}");

      assertThat(status).as("answer to an event without a time").isEqualTo(400);
      assertThat(rejected).as("rejected, recorded before the answer").containsExactly(
          "{\"service\":\"crm\",\"operation\":\"place_order\",\"outcome\":\"OK\"} | event has no [time]:"
              + " {\"service\":\"crm\",\"operation\":\"place_order\",\"outcome\":\"OK\"}");
      assertThat(accepted).as("accepted").isEmpty();
    }
  }

  @Test
  void an_event_is_accepted_before_it_is_answered() throws Exception {
    try (EventSink sink = EventSink.start(events)) {
      int status = post(sink.url(), "{\"time\":\"2025-01-02T03:04:05.678Z\",\"service\":\"crm\",\"actor\":\"a\","
          + "\"operation\":\"place_order\",\"outcome\":\"OK\",\"details\":{\"effectId\":\"O-1\"}}");

      assertThat(status).as("answer").isEqualTo(204);
      assertThat(accepted).as("accepted").singleElement()
          .satisfies(event -> assertThat(event.operation()).as("operation").isEqualTo("place_order"));
      assertThat(rejected).as("rejected").isEmpty();
    }
  }

  private static int post(URI url, String body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
