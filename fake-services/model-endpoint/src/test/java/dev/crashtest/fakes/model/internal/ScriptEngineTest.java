package dev.crashtest.fakes.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crashtest.fakes.model.internal.ScriptedReply.ToolCall;
import org.junit.jupiter.api.Test;

class ScriptEngineTest {
  private final ScriptSpec procurement = Chat.procurementScript();

  private ScriptedReply reply(Chat chat) {
    return ScriptEngine.reply(procurement, chat.conversation());
  }

  private static JsonNode arguments(ToolCall call) {
    return Json.tryParse(call.arguments()).orElseThrow();
  }

  @Test
  void first_turn_reads_the_account_named_in_the_goal() {
    ScriptedReply reply = reply(Chat.withGoal(Chat.GOAL));

    assertThat(reply.toolCalls()).as("tool calls of turn 1").singleElement()
        .isEqualTo(new ToolCall("call_1_1", "get_account", "{\"account_id\":\"ACME-001\"}"));
    assertThat(reply.content()).as("content next to tool calls").isNull();
    assertThat(reply.rule()).as("rule").contains("read the account");
  }

  @Test
  void account_result_leads_to_a_quote_with_an_integer_quantity() {
    ToolCall call = reply(Chat.procurementUntil("get_account")).toolCalls().get(0);

    assertThat(call.name()).as("tool").isEqualTo("create_quote");
    assertThat(call.id()).as("id of the first call of turn 2").isEqualTo("call_2_1");
    assertThat(arguments(call).get("quantity").isIntegralNumber()).as("quantity is a JSON integer").isTrue();
    assertThat(call.arguments()).as("arguments")
        .isEqualTo("{\"account_id\":\"ACME-001\",\"sku\":\"LAPTOP-14\",\"quantity\":5}");
  }

  @Test
  void each_tool_result_leads_to_the_next_step_of_the_procurement_task() {
    assertThat(reply(Chat.procurementUntil("create_quote")).toolCalls()).as("after create_quote")
        .containsExactly(new ToolCall("call_3_1", "request_approval", "{\"quote_id\":\"Q-7\"}"));
    assertThat(reply(Chat.procurementUntil("request_approval")).toolCalls()).as("after request_approval")
        .containsExactly(new ToolCall("call_4_1", "place_order", "{\"quote_id\":\"Q-7\"}"));
    assertThat(reply(Chat.procurementUntil("place_order")).toolCalls()).as("after place_order")
        .containsExactly(new ToolCall("call_5_1", "add_note", "{\"account_id\":\"ACME-001\","
            + "\"text\":\"Ordered 5 x LAPTOP-14: order O-42 for quote Q-7.\"}"));
  }

  @Test
  void note_result_leads_to_a_final_summary_naming_the_order() {
    ScriptedReply reply = reply(Chat.procurementUntil("add_note"));

    assertThat(reply.toolCalls()).as("tool calls of the summary").isEmpty();
    assertThat(reply.content()).as("summary").isEqualTo("Done: order O-42 placed for 5 x LAPTOP-14 on account "
        + "ACME-001 (quote Q-7), and a note was added to the account.");
  }

  @Test
  void an_agent_that_resumes_with_a_user_message_after_a_tool_result_gets_the_next_step() {
    Chat resumed = Chat.procurementUntil("create_quote").user("(agent restarted) continue the task");

    assertThat(reply(resumed).toolNames()).as("next step after a restart").containsExactly("request_approval");
  }

  @Test
  void a_resumed_conversation_with_fewer_turns_is_keyed_on_the_last_tool_result_not_the_turn() {
    Chat resumed = Chat.withGoal(Chat.GOAL)
        .toolRound("create_quote", "{\"quoteId\":\"Q-9\"}");

    assertThat(reply(resumed).toolCalls()).as("turn 2, but after create_quote")
        .containsExactly(new ToolCall("call_2_1", "request_approval", "{\"quote_id\":\"Q-9\"}"));
  }

  @Test
  void the_same_conversation_gets_the_same_answer() {
    assertThat(reply(Chat.procurementUntil("place_order"))).as("second answer")
        .isEqualTo(reply(Chat.procurementUntil("place_order")));
  }

  @Test
  void a_tool_error_ends_the_task_with_a_text_naming_the_tool() {
    Chat chat = Chat.procurementUntil("get_account")
        .toolRound("create_quote", "{\"error\": {\"error\": \"not_found\", \"message\": \"no such sku\"}}");

    ScriptedReply reply = reply(chat);

    assertThat(reply.toolCalls()).as("tool calls").isEmpty();
    assertThat(reply.content()).as("text").isEqualTo("I could not complete the purchase: the tool create_quote "
        + "failed with {\"error\":\"not_found\",\"message\":\"no such sku\"}.");
  }

  @Test
  void a_goal_the_script_does_not_understand_gets_a_text_saying_why_no_rule_matches() {
    ScriptedReply reply = reply(Chat.withGoal("Tell me a joke."));

    assertThat(reply.rule()).as("rule").isEmpty();
    assertThat(reply.toolCalls()).as("tool calls").isEmpty();
    assertThat(reply.content()).as("text").isEqualTo("crashtest model: no script rule matches (script "
        + "[procurement], turn 1, last message role [user], last tool result [none], goal [Tell me a joke.]); "
        + "rule [read the account] matched but ${goal.account}: the goal [Tell me a joke.] has no group "
        + "[account] in the goal pattern(s) [" + procurement.goalPattern().orElseThrow().pattern() + "]");
  }

  @Test
  void an_unknown_tool_result_matches_no_rule() {
    ScriptedReply reply = reply(Chat.withGoal(Chat.GOAL).toolRound("send_email", "{}"));

    assertThat(reply.content()).as("text").startsWith(ScriptEngine.NO_MATCH)
        .contains("turn 2", "last message role [tool]", "last tool result [send_email]");
  }

  @Test
  void a_rule_with_several_tool_calls_numbers_their_ids_in_order() {
    ScriptSpec spec = ScriptSpec.parse("{\"rules\": [{\"then\": {\"content\": \"two at once\", \"toolCalls\": ["
        + "{\"name\": \"a\"}, {\"name\": \"b\", \"arguments\": {\"n\": \"${turn}\", \"list\": [\"${goal}\"]}}]}}]}",
        "inline");

    ScriptedReply reply = ScriptEngine.reply(spec, Chat.withGoal("go").toolRound("x", "{}").conversation());

    assertThat(reply.content()).as("content").isEqualTo("two at once");
    assertThat(reply.toolCalls()).as("tool calls").containsExactly(
        new ToolCall("call_2_1", "a", "{}"), new ToolCall("call_2_2", "b", "{\"n\":2,\"list\":[\"go\"]}"));
  }

  @Test
  void rules_match_on_role_turn_goal_and_result_content_in_order() {
    ScriptSpec spec = ScriptSpec.parse("{\"rules\": ["
        + "{\"name\": \"r1\", \"when\": {\"lastRole\": \"user\", \"turn\": 1, \"goalMatches\": \"(?<who>B\\\\w+)\"},"
        + " \"then\": {\"content\": \"hi ${goal.who}\"}},"
        + "{\"name\": \"r2\", \"when\": {\"lastToolResultMatches\": \"\\\"ok\\\":\\\\s*true\"},"
        + " \"then\": {\"content\": \"ok from ${last.tool}\"}},"
        + "{\"name\": \"r3\", \"then\": {\"content\": \"fallback\"}}]}", "inline");

    assertThat(ScriptEngine.reply(spec, Chat.withGoal("Hello Bob").conversation()).content()).as("r1")
        .isEqualTo("hi Bob");
    assertThat(ScriptEngine.reply(spec, Chat.withGoal("Hello Alice").conversation()).content()).as("r1 goal")
        .isEqualTo("fallback");
    assertThat(ScriptEngine.reply(spec, Chat.withGoal("x").toolRound("t", "{\"ok\": true}").conversation())
        .content()).as("r2").isEqualTo("ok from t");
    assertThat(ScriptEngine.reply(spec, Chat.withGoal("x").toolRound("t", "{\"ok\": false}").conversation())
        .rule()).as("r3").contains("r3");
  }
}
