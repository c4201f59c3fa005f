package dev.crashtest.fakes.model.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.crashtest.fakes.ServiceEvent;
import dev.crashtest.fakes.ServiceEvent.Outcome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A WireMock fault put on the chat stub itself: the client sees the fault, and the event no longer claims 200. */
class StubFaultIT {
  private final List<ServiceEvent> events = new CopyOnWriteArrayList<>();
  private ModelServer server;

  @BeforeEach
  void start() {
    server = ModelServer.start(new ModelServer.Settings("127.0.0.1", 0, Chat.procurementScript(), Optional.empty(),
        List.of(events::add), List.of("crashtest-procurement"), new FaultBook()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void putOnChatStub(Fault fault) {
    server.wireMock().editStub(post(urlPathEqualTo("/v1/chat/completions")).withId(ModelServer.CHAT_STUB_ID)
        .atPriority(1).willReturn(aResponse().withFault(fault).withTransformers(ChatCompletionTransformer.NAME)));
  }

  private void chat() throws IOException, InterruptedException {
    String body = "{\"model\": \"crashtest-procurement\", \"messages\": " + Chat.withGoal(Chat.GOAL).messages() + "}";
    HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + "/v1/chat/completions"))
        .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        BodyHandlers.ofString());
  }

  @Test
  void a_connection_reset_on_the_stub_gives_an_event_with_the_fault_and_no_status() {
    putOnChatStub(Fault.CONNECTION_RESET_BY_PEER);

    assertThatThrownBy(this::chat).as("the client's request").isInstanceOf(IOException.class);
    assertThat(events).as("events").singleElement().satisfies(event -> {
      assertThat(event.outcome()).as("outcome").isEqualTo(Outcome.FAIL);
      assertThat(event.details()).as("details").containsEntry("fault", "connection_reset_by_peer")
          .containsEntry("toolCalls", List.of()).doesNotContainKey("status");
    });
  }

  @Test
  void a_malformed_chunk_on_the_stub_gives_an_event_with_status_200_and_the_fault() {
    putOnChatStub(Fault.MALFORMED_RESPONSE_CHUNK);

    assertThatThrownBy(this::chat).as("the client's request").isInstanceOf(IOException.class);
    assertThat(events).as("events").singleElement().satisfies(event -> {
      assertThat(event.outcome()).as("outcome").isEqualTo(Outcome.FAIL);
      assertThat(event.details()).as("details").containsEntry("fault", "malformed_response_chunk")
          .containsEntry("status", 200);
    });
  }
}
