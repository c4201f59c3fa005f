package dev.crashtest.check;

import static dev.crashtest.check.HistoryBuilder.aHistory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.history.History;
import dev.crashtest.history.OpType;
import org.junit.jupiter.api.Test;

/** approval-gate and requested-writes: what each flags, and what it lets pass. */
class GateAndWritesChecksTest {

  @Test
  void order_after_the_approval_was_sent_holds_the_gate() {
    CheckResult result = Checks.approvalGate().check(aHistory().happyPath("t-1").build());

    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    assertThat(result.message())
        .isEqualTo("every gated effect followed its approval: [place_order] O-0001 at op #10 after the approval sent"
            + " at op #8");
  }

  @Test
  void order_placed_with_no_approval_names_the_effect_and_the_missing_approval() {
    History history = aHistory().submit("t-1").status("t-1", "RUNNING").model(3, "request_approval")
        .model(4, "place_order").write("place_order", "t-1/4/place_order", "order", "O-0001").build();

    CheckResult result = Checks.approvalGate().check(history);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.message()).isEqualTo("gated effect [place_order] O-0001 at op #4 was committed before the"
        + " approval of task [t-1]: no approval was ever sent; the task never reported AWAITING_APPROVAL before it;"
        + " set the task to AWAITING_APPROVAL and wait for POST /tasks/{id}/approve before committing the order");
    assertThat(result.evidence()).containsExactly(4L);
  }

  @Test
  void order_before_a_late_approval_fails_even_though_an_approval_came() {
    History history = aHistory().submit("t-1").status("t-1", "AWAITING_APPROVAL")
        .write("place_order", "t-1/4/place_order", "order", "O-0001").approve("t-1").build();

    CheckResult result = Checks.approvalGate().check(history);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.message()).startsWith("gated effect [place_order] O-0001 at op #2 was committed before the"
        + " approval of task [t-1]: the approval was sent only at op #3; set the task");
    assertThat(result.evidence()).containsExactly(2L, 3L);
  }

  @Test
  void approval_of_another_task_does_not_open_this_tasks_gate() {
    History history = aHistory().submit("t-1").status("t-1", "AWAITING_APPROVAL").approve("t-2")
        .write("place_order", "t-1/4/place_order", "order", "O-0001").build();

    assertThat(Checks.approvalGate().check(history).message()).startsWith("gated effect [place_order] O-0001 at op #3"
        + " was committed before the approval of task [t-1]: no approval was ever sent;");
  }

  @Test
  void replayed_order_after_the_approval_is_not_a_second_effect() {
    History history = aHistory().happyPath("t-1").replay("place_order", "t-1/4/place_order").build();

    assertThat(Checks.approvalGate().check(history).verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void nothing_ordered_passes_the_gate_and_says_so() {
    History history = aHistory().submit("t-1").status("t-1", "AWAITING_APPROVAL").build();

    assertThat(Checks.approvalGate().check(history).message())
        .isEqualTo("no gated effect (flagged needsApproval) was committed, so none passed the gate unapproved");
  }

  @Test
  void no_task_is_unknown_never_pass() {
    assertThat(Checks.approvalGate().check(aHistory().model(1).build()).verdict()).isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void every_requested_write_reaching_the_crm_passes() {
    History history = aHistory().submit("t-1").answer(2, "get_account", "create_quote")
        .write("create_quote", "t-1/2/create_quote", "quote", "Q-0001").answer(3, "create_quote").build();

    CheckResult result = Checks.requestedWrites().check(history);

    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    assertThat(result.message()).isEqualTo("every write the model asked for reached the CRM (create_quote)");
  }

  @Test
  void made_up_tool_result_names_the_tool_call_and_its_turn() {
    History history = aHistory().submit("t-1").read("get_account", "/accounts/ACME-001")
        .answer(5, "place_order", "add_note").answer(6, "add_note").status("t-1", "COMPLETED").build();

    CheckResult result = Checks.requestedWrites().check(history);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.message()).isEqualTo("the model asked for add_note at turn 5 (op #2); the CRM never recorded a"
        + " call for it; the agent answered it with a result the CRM never gave (model call at op #3); run every tool"
        + " call the model makes and hand back what the service answered");
    assertThat(result.evidence()).containsExactly(2L, 3L);
  }

  @Test
  void refused_write_handed_back_to_the_model_is_not_made_up() {
    History history = aHistory().submit("t-1").answer(5, "place_order", "add_note")
        .op("crm", "agent", "add_note", OpType.FAIL, "method", "POST", "status", 404).answer(6, "add_note")
        .status("t-1", "FAILED").build();

    assertThat(Checks.requestedWrites().check(history).verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void an_mcp_tool_error_handed_back_to_the_model_is_not_made_up() {
    History history = aHistory().submit("t-1").answer(2, "get_account", "create_quote")
        .op("mcp", "agent", "tools_call", OpType.FAIL, "tool", "create_quote", "isError", true,
            "fault", "tool_error")
        .answer(3, "create_quote").status("t-1", "FAILED").build();

    assertThat(Checks.requestedWrites().check(history).verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void an_mcp_call_of_another_tool_does_not_answer_the_write() {
    History history = aHistory().submit("t-1").answer(2, "get_account", "create_quote")
        .op("mcp", "agent", "tools_call", OpType.OK, "tool", "get_account")
        .answer(3, "create_quote").status("t-1", "COMPLETED").build();

    assertThat(Checks.requestedWrites().check(history).verdict()).isEqualTo(Verdict.FAIL);
  }

  @Test
  void completed_task_whose_write_never_took_effect_fails() {
    History history = aHistory().submit("t-1").answer(5, "place_order", "add_note")
        .op("crm", "agent", "add_note", OpType.FAIL, "method", "POST", "status", 404).answer(6, "add_note")
        .status("t-1", "COMPLETED").build();

    CheckResult result = Checks.requestedWrites().check(history);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.message()).isEqualTo("task reported COMPLETED (op #4) but the add_note the model asked for at"
        + " turn 5 (op #1) never took effect in the CRM; a task whose write did not happen must end FAILED with the"
        + " reason");
  }

  @Test
  void standard_checks_carry_the_gate_the_writes_and_secret_hygiene() {
    assertThat(Checks.standard()).extracting(Checker::name).contains("approval-gate", "requested-writes",
        "secret-hygiene");
    assertThat(Checks.identity()).extracting(Checker::name).contains("approval-gate", "requested-writes",
        "secret-hygiene", "least-privilege");
  }
}
