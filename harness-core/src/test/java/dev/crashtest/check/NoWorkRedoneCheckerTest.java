package dev.crashtest.check;

import static dev.crashtest.check.HistoryBuilder.aHistory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.history.History;
import org.junit.jupiter.api.Test;

class NoWorkRedoneCheckerTest {

  /** The order committed, the agent killed before it heard back: turns 1-4 and the quote had completed. */
  private static HistoryBuilder killedAfterTheOrder() {
    return aHistory().submit("t-1").model(1, "get_account").read("get_account", "/accounts/ACME-001")
        .model(2, "create_quote").write("create_quote", "t-1/2/create_quote", "quote", "Q-1")
        .model(3, "request_approval").model(4, "place_order")
        .write("place_order", "t-1/4/place_order", "order", "O-1")
        .kill();
  }

  @Test
  void a_model_turn_redone_while_the_restarted_agent_starts_up_is_redone_work() {
    History history = killedAfterTheOrder().restart().model(4, "place_order").ready()
        .replay("place_order", "t-1/4/place_order").model(5, "add_note").build();

    CheckResult result = Checks.noWorkRedone().check(history);

    assertThat(result.verdict()).as(result.message()).isEqualTo(Verdict.FAIL);
    assertThat(result.message()).isEqualTo("work redone after the agent restart at op #9: 1 model call(s) (turns 4)"
        + " and 0 CRM call(s) () that had completed before the crash were made again;"
        + " checkpoint each step and resume from it");
    assertThat(result.evidence()).as("the redone turn, before readiness at op #11").containsExactly(10L);
  }

  @Test
  void the_call_in_flight_repeated_before_readiness_is_recovery_not_redone_work() {
    History history = killedAfterTheOrder().restart().replay("place_order", "t-1/4/place_order").ready()
        .model(5, "add_note").build();

    CheckResult result = Checks.noWorkRedone().check(history);

    assertThat(result.verdict()).as(result.message()).isEqualTo(Verdict.PASS);
  }

  /** Found by explore (seed 1, the Python agent): killed twice, each time right after the model answered turn 3. */
  @Test
  void a_turn_in_flight_at_two_kills_in_a_row_never_completed_so_asking_it_a_third_time_is_recovery() {
    History history = aHistory().submit("t-1").model(1, "get_account").read("get_account", "/accounts/ACME-001")
        .model(2, "create_quote").write("create_quote", "t-1/2/create_quote", "quote", "Q-1")
        .model(3, "request_approval").kill().restart()
        .model(3, "request_approval").kill().restart()
        .model(3, "request_approval").ready().model(4, "place_order").build();

    CheckResult result = Checks.noWorkRedone().check(history);

    assertThat(result.verdict()).as(result.message()).isEqualTo(Verdict.PASS);
  }

  @Test
  void a_turn_heard_after_the_first_kill_and_asked_again_after_the_second_is_redone_work() {
    History history = aHistory().submit("t-1").model(1, "get_account").read("get_account", "/accounts/ACME-001")
        .model(2, "create_quote").kill().restart()
        .model(2, "create_quote").write("create_quote", "t-1/2/create_quote", "quote", "Q-1")
        .model(3, "request_approval").kill().restart()
        .model(2, "create_quote").ready().build();

    CheckResult result = Checks.noWorkRedone().check(history);

    assertThat(result.verdict()).as(result.message()).isEqualTo(Verdict.FAIL);
  }
}
