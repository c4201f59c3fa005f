package dev.crashtest.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.agents.testing.RecordingServer;
import dev.crashtest.agents.testing.RecordingServer.Reply;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ModelRetryTest {
  static final List<ChatMessage> GOAL = List.of(UserMessage.from("Buy 5 units of LAPTOP-14 for account ACME-001."));
  static final String RATE_LIMITED =
      "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_exceeded\",\"code\":\"rate_limit\"}}";
  static final String TOOL_CALL_CHUNK = "{\"id\":\"c-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
      + "\"model\":\"crashtest-procurement\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
      + "\"tool_calls\":[{\"index\":0,\"id\":\"call-1\",\"type\":\"function\",\"function\":{\"name\":\"get_account\","
      + "\"arguments\":\"{\\\"account_id\\\":\\\"ACME-001\\\"}\"}}]},\"finish_reason\":null}]}";
  static final String STOP_CHUNK = "{\"id\":\"c-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
      + "\"model\":\"crashtest-procurement\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}";

  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  @Test
  void rate_limited_call_waits_what_retry_after_says_then_succeeds() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (RecordingServer model = RecordingServer.start(request -> calls.incrementAndGet() <= 2
        ? Reply.json(429, RATE_LIMITED).withHeader("Retry-After", "2")
        : Reply.json(200, ProcurementToolsTest.ANSWER))) {
      AiMessage answer = LangChainModelGateway.plain(model.baseUrl() + "/v1", "k", waits::add).next(GOAL);

      assertThat(answer.text()).as("answer after two 429s").isEqualTo("done");
      assertThat(model.requests()).as("requests: two refused, one served").hasSize(3);
      assertThat(waits).as("waits").containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }
  }

  @Test
  void model_that_keeps_failing_is_given_up_after_five_retries() throws Exception {
    try (RecordingServer model = RecordingServer.start(request -> Reply.json(503, RATE_LIMITED))) {
      assertThatThrownBy(() -> LangChainModelGateway.plain(model.baseUrl() + "/v1", "k", waits::add).next(GOAL))
          .as("sixth 503")
          .hasMessageContaining("slow down");
      assertThat(model.requests()).as("one call and five retries").hasSize(6);
      assertThat(waits).as("waits without Retry-After").hasSize(5).first().isEqualTo(Duration.ofMillis(250));
    }
  }

  @Test
  void client_error_is_not_retried() throws Exception {
    try (RecordingServer model = RecordingServer.start(request -> Reply.json(400, RATE_LIMITED))) {
      assertThatThrownBy(() -> LangChainModelGateway.plain(model.baseUrl() + "/v1", "k", waits::add).next(GOAL))
          .as("400");
      assertThat(model.requests()).as("requests after a 400").hasSize(1);
    }
  }

  @Test
  void streaming_call_is_retried_too_and_assembles_the_tool_call() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (RecordingServer model = RecordingServer.start(request -> calls.incrementAndGet() == 1
        ? Reply.json(429, RATE_LIMITED).withHeader("Retry-After", "1")
        : Reply.events(TOOL_CALL_CHUNK, STOP_CHUNK, "[DONE]"))) {
      AiMessage answer = LangChainModelGateway.streaming(model.baseUrl() + "/v1", "k", waits::add).next(GOAL);

      assertThat(answer.toolExecutionRequests()).as("tool calls").singleElement()
          .satisfies(call -> {
            assertThat(call.name()).as("tool").isEqualTo("get_account");
            assertThat(call.arguments()).as("arguments").isEqualTo("{\"account_id\":\"ACME-001\"}");
          });
      assertThat(Json.parse(model.requests().get(1).body()).get("stream").asBoolean()).as("stream flag").isTrue();
      assertThat(waits).as("waits").containsExactly(Duration.ofSeconds(1));
    }
  }
}
