package dev.crashtest.fakes.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crashtest.fakes.model.internal.ScriptedReply.ToolCall;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompletionRendererTest {
  private final CompletionRenderer renderer =
      new CompletionRenderer(Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC));
  private final ScriptedReply twoCalls = new ScriptedReply(Optional.of("r"), null, List.of(
      new ToolCall("call_1_1", "get_account", "{\"account_id\":\"ACME-001\"}"),
      new ToolCall("call_1_2", "add_note", "{\"text\":\"a longer text than one piece\"}")));
  private final ScriptedReply text = new ScriptedReply(Optional.of("r"), "Order O-42 is placed. Thank you!", List.of());

  private static ChatRequest request(boolean stream, boolean includeUsage) {
    return ChatRequest.parse("{\"model\": \"crashtest-procurement\", \"messages\": [{\"role\": \"user\", "
        + "\"content\": \"hi\"}], \"stream\": " + stream + ", \"stream_options\": {\"include_usage\": "
        + includeUsage + "}}");
  }

  private static List<String> events(String sse) {
    assertThat(sse).as("stream ends with [DONE]").endsWith("data: [DONE]\n\n");
    return Arrays.stream(sse.split("\n\n")).map(event -> event.substring("data: ".length())).toList();
  }

  private static JsonNode chunk(String event) {
    return Json.tryParse(event).orElseThrow();
  }

  @Test
  void a_plain_answer_is_a_chat_completion_with_tool_calls_and_usage() {
    JsonNode body = Json.tryParse(renderer.json(request(false, false), twoCalls, new Usage(10, 7))).orElseThrow();

    assertThat(body.get("object").asText()).as("object").isEqualTo("chat.completion");
    assertThat(body.get("created").asLong()).as("created").isEqualTo(1_800_000_000L);
    assertThat(body.at("/choices/0/finish_reason").asText()).as("finish reason").isEqualTo("tool_calls");
    assertThat(body.at("/choices/0/message/content").isNull()).as("content is null").isTrue();
    assertThat(body.at("/choices/0/message/tool_calls/1/function/arguments").asText()).as("second arguments")
        .isEqualTo("{\"text\":\"a longer text than one piece\"}");
    assertThat(body.get("usage").toString()).as("usage")
        .isEqualTo("{\"prompt_tokens\":10,\"completion_tokens\":7,\"total_tokens\":17}");
  }

  @Test
  void a_streamed_tool_answer_sends_each_call_start_then_argument_pieces_then_the_finish_reason() {
    List<String> events = events(renderer.sse(request(true, false), twoCalls, new Usage(10, 7)));

    JsonNode first = chunk(events.get(0));
    assertThat(first.get("object").asText()).as("object").isEqualTo("chat.completion.chunk");
    assertThat(first.at("/choices/0/delta/role").asText()).as("role first").isEqualTo("assistant");
    assertThat(first.at("/choices/0/delta/tool_calls/0/id").asText()).as("first id").isEqualTo("call_1_1");
    assertThat(first.at("/choices/0/delta/tool_calls/0/function/arguments").asText()).as("empty").isEmpty();
    StringBuilder[] arguments = {new StringBuilder(), new StringBuilder()};
    events.subList(0, events.size() - 1).forEach(event -> chunk(event).at("/choices/0/delta/tool_calls")
        .forEach(call -> arguments[call.get("index").asInt()].append(call.at("/function/arguments").asText())));
    assertThat(arguments[0]).as("first arguments reassembled").hasToString("{\"account_id\":\"ACME-001\"}");
    assertThat(arguments[1]).as("second arguments reassembled")
        .hasToString("{\"text\":\"a longer text than one piece\"}");
    assertThat(chunk(events.get(events.size() - 2)).at("/choices/0/finish_reason").asText()).as("finish")
        .isEqualTo("tool_calls");
    assertThat(events).as("no usage chunk unless asked").noneMatch(event -> event.contains("\"usage\""));
  }

  @Test
  void a_streamed_text_answer_sends_content_pieces_and_a_usage_chunk_when_asked() {
    List<String> events = events(renderer.sse(request(true, true), text, new Usage(10, 7)));

    StringBuilder content = new StringBuilder();
    events.subList(0, events.size() - 1)
        .forEach(event -> content.append(chunk(event).at("/choices/0/delta/content").asText("")));
    assertThat(content).as("content reassembled").hasToString("Order O-42 is placed. Thank you!");
    assertThat(events.size()).as("role, 3 pieces, finish, usage, [DONE]").isEqualTo(7);
    assertThat(chunk(events.get(4)).at("/choices/0/finish_reason").asText()).as("finish").isEqualTo("stop");
    JsonNode usage = chunk(events.get(5));
    assertThat(usage.get("choices").isEmpty()).as("usage chunk has no choices").isTrue();
    assertThat(usage.at("/usage/total_tokens").asInt()).as("total tokens").isEqualTo(17);
  }

  @Test
  void the_same_conversation_gets_the_same_completion_id() {
    String a = renderer.json(request(false, false), text, new Usage(1, 1));
    String b = renderer.json(request(false, false), text, new Usage(1, 1));

    assertThat(a).as("second rendering").isEqualTo(b);
  }
}
