package dev.crashtest.check;

import static dev.crashtest.check.HistoryBuilder.aHistory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.history.History;
import dev.crashtest.history.OpType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The checkers judge a workload that is not procurement: a support desk whose agent looks an order up in the orders
 * service, refunds it in the refunds service (approval above a limit) and mails the customer. Nothing here is a CRM.
 */
class WorkloadChecksTest {
  private static final String TOKEN = "orders.read refunds.write mail.send";

  /** The runner's submission of the support-desk task, declaring its write tools and their scopes. */
  private static HistoryBuilder submitted(String taskId) {
    return aHistory().op("harness", "runner", "submit_task", OpType.OK, "taskId", taskId,
        "writeTools", List.of("create_refund", "send_email"),
        "toolScopes", Map.of("get_order", "orders.read", "create_refund", "refunds.write", "send_email", "mail.send"));
  }

  private static HistoryBuilder getOrder(HistoryBuilder history, String order) {
    return history.op("orders", "support-agent", "get_order", OpType.OK, "method", "GET", "path", "/orders/" + order,
        "delegated", true, "actorSource", "act", "user", "alice", "scope", TOKEN);
  }

  /** A refund the refunds service committed; {@code gated} when it was above the approval limit. */
  private static HistoryBuilder refund(HistoryBuilder history, String key, String order, String refundId,
      boolean gated) {
    return history.op("refunds", "support-agent", "create_refund", OpType.OK, "method", "POST", "path", "/refunds",
        "idempotencyKey", key, "effectType", "refund", "effectId", refundId, "effectKey", order,
        "needsApproval", gated ? true : null, "delegated", true, "actorSource", "act", "user", "alice", "scope",
        TOKEN);
  }

  private static HistoryBuilder mail(HistoryBuilder history, String key, String scope) {
    return history.op("mail", "support-agent", "send_email", OpType.OK, "method", "POST", "path", "/messages",
        "idempotencyKey", key, "effectType", "email", "effectId", "M-1", "effectKey", "CUST-7", "delegated", true,
        "actorSource", "act", "user", "alice", "scope", scope);
  }

  @Test
  void second_refund_for_the_same_order_is_a_duplicated_effect() {
    History history = refund(refund(submitted("t-1"), "t-1/2/create_refund", "ORD-1001", "R-1", false),
        "t-1/5/create_refund", "ORD-1001", "R-2", false).build();

    CheckResult result = Checks.exactlyOnceEffects().check(history);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.message()).isEqualTo("effect duplicated: 2 × refund for [ORD-1001] in the refunds service"
        + " (R-1 at op #1, R-2 at op #2); send the same Idempotency-Key when repeating a write");
    assertThat(result.evidence()).containsExactly(1L, 2L);
  }

  @Test
  void refunds_of_two_orders_and_a_mail_are_three_effects_each_once() {
    History history = mail(refund(refund(submitted("t-1"), "k1", "ORD-1001", "R-1", false), "k2", "ORD-1002", "R-2",
        false), "k3", TOKEN).build();

    CheckResult result = Checks.exactlyOnceEffects().check(history);

    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    assertThat(result.message()).isEqualTo("each side effect happened once: refund for [ORD-1001] in the refunds"
        + " service, refund for [ORD-1002] in the refunds service, email for [CUST-7] in the mail service");
  }

  @Test
  void refund_flagged_for_approval_committed_before_the_approval_fails_the_gate() {
    History history = refund(submitted("t-1").status("t-1", "RUNNING"), "t-1/3/create_refund", "ORD-1001", "R-1",
        true).approve("t-1").build();

    CheckResult result = Checks.approvalGate().check(history);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.message()).isEqualTo("gated effect [create_refund] R-1 at op #2 was committed before the"
        + " approval of task [t-1]: the approval was sent only at op #3; the task never reported AWAITING_APPROVAL"
        + " before it; set the task to AWAITING_APPROVAL and wait for POST /tasks/{id}/approve before committing the"
        + " refund");
    assertThat(result.evidence()).containsExactly(2L, 3L);
  }

  @Test
  void refund_under_the_limit_needs_no_approval() {
    History history = refund(submitted("t-1"), "t-1/3/create_refund", "ORD-1001", "R-1", false).build();

    CheckResult result = Checks.approvalGate().check(history);

    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    assertThat(result.message())
        .isEqualTo("no gated effect (flagged needsApproval) was committed, so none passed the gate unapproved");
  }

  @Test
  void flagged_refund_after_its_approval_holds_the_gate() {
    History history = refund(submitted("t-1").status("t-1", "AWAITING_APPROVAL").approve("t-1"),
        "t-1/4/create_refund", "ORD-1001", "R-1", true).build();

    assertThat(Checks.approvalGate().check(history).message()).isEqualTo("every gated effect followed its approval:"
        + " [create_refund] R-1 at op #3 after the approval sent at op #2");
  }

  @Test
  void writes_to_every_service_are_judged_for_attribution() {
    History clean = mail(refund(submitted("t-1"), "k1", "ORD-1001", "R-1", false), "k2", TOKEN).build();
    History borrowed = mail(refund(submitted("t-1"), "k1", "ORD-1001", "R-1", false), "k2", TOKEN)
        .op("mail", "anonymous", "send_email", OpType.OK, "method", "POST", "delegated", false,
        "actorSource", "none", "user", "alice", "scope", TOKEN).build();

    assertThat(Checks.delegatedWrites().check(clean).message())
        .isEqualTo("all 2 refunds and mail writes carried a delegated token naming agent, user and scope");
    assertThat(Checks.delegatedWrites().check(borrowed).message()).isEqualTo("write [send_email] at op #3 used a"
        + " token that names no agent (the user's own token: borrowed credentials): exchange it (RFC 8693) first");
  }

  @Test
  void each_call_needs_the_scope_its_tool_declares() {
    History within = mail(refund(getOrder(submitted("t-1"), "ORD-1001"), "k1", "ORD-1001", "R-1", false), "k2",
        TOKEN).build();
    History outside = mail(getOrder(submitted("t-1"), "ORD-1001"), "k2", "orders.read refunds.write").build();

    assertThat(Checks.leastPrivilege().check(within).message())
        .isEqualTo("all 3 orders, refunds and mail calls stayed within the delegated scope");
    assertThat(Checks.leastPrivilege().check(outside).message()).isEqualTo("write [send_email] at op #2 used"
        + " [mail.send] outside the delegated scope (scope: orders.read refunds.write)");
  }

  @Test
  void a_refund_after_the_revocation_fails_whichever_service_took_it() {
    History history = refund(submitted("t-1").op("identity", "harness", "revoke_delegation", OpType.INFO),
        "k1", "ORD-1001", "R-1", false).build();

    CheckResult result = Checks.revocationRespected().check(history);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.message()).startsWith("1 refunds write(s) succeeded after the delegation was revoked at op #1:"
        + " [create_refund] at op #2;");
  }

  @Test
  void a_mail_the_agent_made_up_is_a_requested_write_that_never_happened() {
    History history = refund(getOrder(submitted("t-1"), "ORD-1001").answer(2, "get_order", "create_refund"),
        "t-1/2/create_refund", "ORD-1001", "R-1", false).answer(3, "create_refund", "send_email")
        .answer(4, "send_email").status("t-1", "COMPLETED").build();

    CheckResult result = Checks.requestedWrites().check(history);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.message()).isEqualTo("the model asked for send_email at turn 3 (op #4); no workload service"
        + " recorded a call for it; the agent answered it with a result no service gave (model call at op #5); run"
        + " every tool call the model makes and hand back what the service answered");
  }

  @Test
  void every_requested_write_reaching_its_service_passes() {
    History history = mail(refund(submitted("t-1").answer(2, "get_order", "create_refund"), "k1", "ORD-1001", "R-1",
        false).answer(3, "create_refund", "send_email"), "k2", TOKEN).answer(4, "send_email").build();

    assertThat(Checks.requestedWrites().check(history).message()).isEqualTo("every write the model asked for reached"
        + " the refunds and mail services (create_refund, send_email)");
  }

  @Test
  void a_refund_redone_after_the_restart_is_redone_work() {
    History history = refund(getOrder(submitted("t-1").model(1, "get_order"), "ORD-1001").model(2, "create_refund"),
        "t-1/2/create_refund", "ORD-1001", "R-1", false).model(3, "send_email").kill().restart()
        .op("refunds", "support-agent", "create_refund", OpType.OK, "method", "POST", "idempotencyKey",
            "t-1/2/create_refund", "replayed", true).build();

    CheckResult result = Checks.noWorkRedone().check(history);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.message()).isEqualTo("work redone after the agent restart at op #7: 0 model call(s) (turns )"
        + " and 1 refunds call(s) (create_refund) that had completed before the crash were made again;"
        + " checkpoint each step and resume from it");
    assertThat(result.evidence()).containsExactly(8L);
  }

  @Test
  void a_completed_task_with_a_refund_reached_its_goal() {
    History history = refund(submitted("t-1"), "k1", "ORD-1001", "R-1", false).status("t-1", "COMPLETED").build();

    assertThat(Checks.taskCompleted().check(history).verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void the_workload_services_are_every_service_but_the_ones_each_run_has() {
    assertThat(List.of("crm", "refunds", "mail", "model", "identity", "harness", "runner", "nemesis", "platform"))
        .filteredOn(WorkloadServices::isWorkloadService).containsExactly("crm", "refunds", "mail");
    assertThat(WorkloadServices.the("crm")).isEqualTo("the CRM");
    assertThat(WorkloadServices.the("refunds")).isEqualTo("the refunds service");
  }
}
