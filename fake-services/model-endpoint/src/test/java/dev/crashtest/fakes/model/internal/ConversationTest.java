package dev.crashtest.fakes.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

class ConversationTest {

  @Test
  void tool_results_are_named_after_the_tool_call_they_answer() {
    ArrayNode messages = (ArrayNode) Json.tryParse("""
        [{"role": "user", "content": "goal"},
         {"role": "assistant", "content": null, "tool_calls": [
            {"id": "c1", "type": "function", "function": {"name": "get_account", "arguments": "{}"}},
            {"id": "c2", "type": "function", "function": {"name": "create_quote", "arguments": "{}"}}]},
         {"role": "tool", "tool_call_id": "c2", "content": "quote"},
         {"role": "tool", "tool_call_id": "c1", "content": "account"}]
        """).orElseThrow();

    Conversation conversation = Conversation.of(messages);

    assertThat(conversation.lastToolName()).as("last tool").contains("get_account");
    assertThat(conversation.lastToolContent()).as("last tool content").contains("account");
    assertThat(conversation.latestResult("create_quote")).as("create_quote result").contains("quote");
    assertThat(conversation.turn()).as("turn").isEqualTo(2);
    assertThat(conversation.messageCount()).as("messages").isEqualTo(4);
    assertThat(conversation.lastRole()).as("last role").isEqualTo("tool");
  }

  @Test
  void the_goal_is_the_first_user_message_even_in_content_parts() {
    ArrayNode messages = (ArrayNode) Json.tryParse("""
        [{"role": "system", "content": "sys"},
         {"role": "user", "content": [{"type": "text", "text": "Buy 5 "}, {"type": "text", "text": "units"}]},
         {"role": "user", "content": "later"}]
        """).orElseThrow();

    Conversation conversation = Conversation.of(messages);

    assertThat(conversation.goal()).as("goal").isEqualTo("Buy 5 units");
    assertThat(conversation.turn()).as("turn").isEqualTo(1);
    assertThat(conversation.lastToolName()).as("last tool").isEmpty();
  }

  @Test
  void a_tool_message_with_an_unknown_call_id_falls_back_to_its_name_field() {
    ArrayNode messages = (ArrayNode) Json.tryParse("""
        [{"role": "user", "content": "goal"},
         {"role": "tool", "tool_call_id": "nope", "name": "legacy_tool", "content": "x"},
         {"role": "tool", "tool_call_id": "nope", "content": "y"}]
        """).orElseThrow();

    Conversation conversation = Conversation.of(messages);

    assertThat(conversation.latestResult("legacy_tool")).as("named by its name field").contains("x");
    assertThat(conversation.lastToolName()).as("nameless").contains("unknown");
  }
}
