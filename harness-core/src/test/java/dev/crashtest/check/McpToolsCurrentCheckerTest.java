package dev.crashtest.check;

import static dev.crashtest.check.HistoryBuilder.aHistory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.history.History;
import org.junit.jupiter.api.Test;

/** mcp-tools-current: a call of a tool the agent had been told was gone is flagged; one it could not foresee is not. */
class McpToolsCurrentCheckerTest {
  private static final String[] BEFORE = {"get_account", "create_quote", "place_order", "add_note"};
  private static final String[] AFTER = {"get_account", "create_quote", "submit_order", "add_note"};

  @Test
  void call_of_a_renamed_tool_after_list_changed_was_announced_fails_naming_both_ops() {
    History history = aHistory().mcpList("s-1", BEFORE).mcpCall("s-1", "create_quote").mcpListChanged("s-1")
        .model(4, "place_order").mcpUnknownCall("s-1", "place_order").build();

    CheckResult result = Checks.mcpToolsCurrent().check(history);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.message()).isEqualTo("agent called [place_order] on MCP session [s-1] at op #4 although the"
        + " server had announced notifications/tools/list_changed to that session at op #2 and the agent had not"
        + " listed the tools since; on notifications/tools/list_changed (or an unknown-tool error) list the tools"
        + " again and offer the model only the tools of the new list");
    assertThat(result.evidence()).containsExactly(2L, 4L);
  }

  @Test
  void call_of_a_tool_missing_from_the_latest_listing_fails_naming_the_listing() {
    History history = aHistory().mcpList("s-1", BEFORE).mcpListChanged("s-1").mcpList("s-1", AFTER)
        .mcpUnknownCall("s-1", "place_order").build();

    CheckResult result = Checks.mcpToolsCurrent().check(history);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.message()).startsWith("agent called [place_order] on MCP session [s-1] at op #3 although"
        + " the session's latest tools/list (op #2) did not have it; ");
    assertThat(result.evidence()).containsExactly(2L, 3L);
  }

  @Test
  void call_on_a_session_the_agent_never_listed_fails() {
    History history = aHistory().mcpList("s-1", BEFORE).mcpUnknownCall("s-2", "place_order").build();

    assertThat(Checks.mcpToolsCurrent().check(history).message()).startsWith("agent called [place_order] on MCP"
        + " session [s-2] at op #1 without ever listing the tools on that session; ");
  }

  @Test
  void vanished_tool_with_no_announcement_and_a_listing_that_had_it_is_not_blamed() {
    History history = aHistory().mcpList("s-1", BEFORE).mcpListChanged("s-2").mcpUnknownCall("s-1", "place_order")
        .build();

    CheckResult result = Checks.mcpToolsCurrent().check(history);

    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    assertThat(result.message()).isEqualTo("1 MCP tool call(s), none of a tool the agent had been told was gone;"
        + " 1 call(s) of a vanished tool no announcement had reached ([place_order] at op #2)");
  }

  @Test
  void listing_again_after_the_announcement_and_calling_the_new_name_passes() {
    History history = aHistory().mcpList("s-1", BEFORE).mcpListChanged("s-1").mcpListChanged("s-1")
        .mcpList("s-1", AFTER).mcpCall("s-1", "submit_order").build();

    CheckResult result = Checks.mcpToolsCurrent().check(history);

    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    assertThat(result.message()).isEqualTo("1 MCP tool call(s), none of a tool the agent had been told was gone");
  }

  @Test
  void history_without_mcp_passes_saying_mcp_was_not_used() {
    CheckResult result = Checks.mcpToolsCurrent().check(aHistory().happyPath("t-1").build());

    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    assertThat(result.message()).isEqualTo("MCP was not used: the history holds no event of an MCP server");
  }
}
