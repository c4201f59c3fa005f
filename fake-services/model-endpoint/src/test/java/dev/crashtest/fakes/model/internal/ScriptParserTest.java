package dev.crashtest.fakes.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScriptParserTest {

  private static void assertRefused(String json, String message) {
    assertThatThrownBy(() -> ScriptSpec.parse(json, "s.json")).as("script " + json)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(e.getMessage()).as("one line").doesNotContain("\n"));
  }

  @Test
  void the_built_in_procurement_script_parses_with_named_rules() {
    assertThat(Chat.procurementScript().ruleNames()).as("rules").containsExactly("stop on a tool error",
        "read the account", "quote after the account", "approval after the quote", "order after the approval",
        "note after the order", "summary after the note");
  }

  @Test
  void invalid_json_names_the_file_and_the_position() {
    assertRefused("{\"rules\": [}",
        "script [s.json]: is not valid JSON at line 1, column 12: Unexpected close marker '}': expected ']'");
  }

  @Test
  void a_script_without_rules_is_refused() {
    assertRefused("{\"name\": \"x\"}", "script [s.json]: field [rules] must be a non-empty array of rules, e.g. "
        + "\"rules\": [{\"when\": {\"turn\": 1}, \"then\": {\"content\": \"Hello\"}}]");
  }

  @Test
  void an_unknown_field_is_refused_with_the_known_ones() {
    assertRefused("{\"rules\": [{\"when\": {\"lastToolResults\": \"a\"}, \"then\": {\"content\": \"x\"}}]}",
        "script [s.json]: field [rules[0].when.lastToolResults] is unknown; known fields here: goalMatches, "
            + "lastRole, lastToolResult, lastToolResultMatches, turn");
  }

  @Test
  void a_rule_without_then_is_refused() {
    assertRefused("{\"rules\": [{\"then\": {\"content\": \"x\"}}, {\"when\": {\"turn\": 2}}]}",
        "script [s.json]: field [rules[1].then] is missing; a rule answers with {\"content\": \"...\"} and/or "
            + "{\"toolCalls\": [{\"name\": \"...\", \"arguments\": {...}}]}");
  }

  @Test
  void a_tool_call_without_a_name_is_refused() {
    assertRefused("{\"rules\": [{\"then\": {\"toolCalls\": [{\"arguments\": {}}]}}]}",
        "script [s.json]: field [rules[0].then.toolCalls[0].name] is missing; it names the tool to call");
  }

  @Test
  void a_bad_template_in_arguments_names_the_argument() {
    assertRefused("{\"rules\": [{\"then\": {\"toolCalls\": [{\"name\": \"a\", \"arguments\": "
            + "{\"q\": {\"id\": \"${quote.id}\"}}}]}}]}",
        "script [s.json]: field [rules[0].then.toolCalls[0].arguments.q.id] placeholder [${quote.id}] must start "
            + "with goal, result, last or turn, e.g. ${goal.account} or ${result.create_quote.quoteId}");
  }

  @Test
  void a_bad_regex_is_refused() {
    assertRefused("{\"goalPattern\": \"(unclosed\", \"rules\": [{\"then\": {\"content\": \"x\"}}]}",
        "script [s.json]: field [goalPattern] is not a valid regular expression: Unclosed group near index 9");
  }

  @Test
  void wrong_types_are_refused() {
    assertRefused("{\"rules\": [{\"when\": {\"turn\": \"1\"}, \"then\": {\"content\": \"x\"}}]}",
        "script [s.json]: field [rules[0].when.turn] must be a whole number from 1 (turn = assistant messages + 1)");
    assertRefused("{\"rules\": [{\"when\": {\"lastRole\": \"bot\"}, \"then\": {\"content\": \"x\"}}]}",
        "script [s.json]: field [rules[0].when.lastRole] is [bot]; use one of system, developer, user, assistant, tool");
    assertRefused("{\"rules\": [{\"then\": {\"content\": 3}}]}",
        "script [s.json]: field [rules[0].then.content] must be a string");
    assertRefused("{\"rules\": [{\"then\": {}}]}", "script [s.json]: field [rules[0].then] needs content or toolCalls");
  }

  @Test
  void a_duplicate_field_is_refused() {
    assertThatThrownBy(() -> ScriptSpec.parse("{\"rules\": [], \"rules\": []}", "s.json")).as("duplicate")
        .hasMessageStartingWith("script [s.json]: is not valid JSON at line 1, column 22: Duplicate field 'rules'");
  }
}
