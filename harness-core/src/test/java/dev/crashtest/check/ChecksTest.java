package dev.crashtest.check;

import static dev.crashtest.check.HistoryBuilder.aHistory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.history.History;
import dev.crashtest.history.OpType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChecksTest {

  @Test
  void happy_path_passes_every_standard_check() {
    History history = aHistory().happyPath("t-1").build();

    List<CheckResult> results = Checks.runAll(Checks.standard(), history);

    assertThat(results).as("results %s", results).extracting(CheckResult::verdict).containsOnly(Verdict.PASS);
    assertThat(results.get(0).message()).isEqualTo("task [t-1] completed (op #14)");
  }

  @Test
  void task_unknown_after_restart_is_reported_as_lost() {
    History history = aHistory().submit("t-1").status("t-1", "RUNNING").model(1, "get_account")
        .kill().restart().status("t-1", "UNKNOWN_TASK").build();

    CheckResult result = Checks.taskCompleted().check(history);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.message()).isEqualTo("task [t-1] lost: after the agent restarted (op #4) it no longer knew the"
        + " task (404 at op #5) and never completed it; keep task progress in HARNESS_STATE_DIR or a durable runtime");
    assertThat(result.evidence()).containsExactly(4L, 5L);
  }

  @Test
  void failed_task_names_the_agents_reason() {
    History history = aHistory().submit("t-1").op("harness", "runner", "task_status", OpType.INFO,
        "taskId", "t-1", "state", "FAILED", "error", "model kept answering 503").build();

    assertThat(Checks.taskCompleted().check(history).message())
        .isEqualTo("task [t-1] failed: model kept answering 503");
  }

  @Test
  void task_still_running_at_the_end_did_not_complete() {
    History history = aHistory().submit("t-1").status("t-1", "AWAITING_APPROVAL").build();

    CheckResult result = Checks.taskCompleted().check(history);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.message())
        .isEqualTo("task [t-1] did not complete before the run ended: last status AWAITING_APPROVAL (op #1)");
  }

  @Test
  void history_without_a_task_is_unknown_never_pass() {
    assertThat(Checks.taskCompleted().check(aHistory().model(1).build()).verdict()).isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void second_order_for_the_same_account_is_a_duplicated_effect() {
    History history = aHistory().write("place_order", "k1", "order", "O-0001")
        .write("place_order", "k2", "order", "O-0002").build();

    CheckResult result = Checks.exactlyOnceEffects().check(history);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.message()).isEqualTo("effect duplicated: 2 × order for [ACME-001] in the CRM"
        + " (O-0001 at op #0, O-0002 at op #1); send the same Idempotency-Key when repeating a write");
    assertThat(result.evidence()).containsExactly(0L, 1L);
  }

  @Test
  void replayed_write_is_not_a_second_effect() {
    History history = aHistory().write("place_order", "k1", "order", "O-0001").replay("place_order", "k1").build();

    assertThat(Checks.exactlyOnceEffects().check(history).verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void resubmitted_task_that_starts_over_redoes_completed_work() {
    History history = aHistory().submit("t-1").model(1, "get_account").read("get_account", "/accounts/ACME-001")
        .model(2, "create_quote").write("create_quote", "t-1/2/create_quote", "quote", "Q-1").model(3)
        .kill().restart()
        .model(1, "get_account").read("get_account", "/accounts/ACME-001").model(2, "create_quote")
        .replay("create_quote", "t-1/2/create_quote").model(3).build();

    CheckResult result = Checks.noWorkRedone().check(history);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.message()).isEqualTo("work redone after the agent restart at op #7: 2 model call(s) (turns 1, 2)"
        + " and 2 CRM call(s) (get_account, create_quote) that had completed before the crash were made again;"
        + " checkpoint each step and resume from it");
    assertThat(result.evidence()).containsExactly(8L, 9L, 10L, 11L);
  }

  @Test
  void call_in_flight_at_the_crash_may_be_repeated() {
    History history = aHistory().submit("t-1").model(1, "get_account").read("get_account", "/accounts/ACME-001")
        .model(2, "create_quote").write("place_order", "t-1/4/place_order", "order", "O-1")
        .kill().restart()
        .replay("place_order", "t-1/4/place_order").model(5, "add_note").build();

    CheckResult result = Checks.noWorkRedone().check(history);

    assertThat(result.verdict()).as(result.message()).isEqualTo(Verdict.PASS);
  }

  @Test
  void no_restart_means_nothing_redone() {
    assertThat(Checks.noWorkRedone().check(aHistory().happyPath("t-1").build()).message())
        .isEqualTo("the agent was not restarted, so nothing could be redone");
  }

  @Test
  void write_with_the_users_own_token_is_borrowed_credentials() {
    History history = aHistory().op("crm", "anonymous", "create_quote", OpType.OK, "method", "POST",
        "delegated", false, "actorSource", "none", "user", "alice", "scope", "crm.write").build();

    CheckResult result = Checks.delegatedWrites().check(history);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.message()).isEqualTo("write [create_quote] at op #0 used a token that names no agent"
        + " (the user's own token: borrowed credentials): exchange it (RFC 8693) first");
  }

  @Test
  void write_with_a_service_token_is_a_ghost_service_account() {
    History history = aHistory().op("crm", "procurement-agent", "place_order", OpType.OK, "method", "POST",
        "delegated", false, "actorSource", "client", "user", "procurement-agent", "scope", "crm.write").build();

    assertThat(Checks.delegatedWrites().check(history).message()).isEqualTo("write [place_order] at op #0 used the"
        + " agent's own service token for nobody (ghost service account): exchange the user's token instead");
  }

  @Test
  void delegated_write_without_write_scope_fails() {
    History history = aHistory().op("crm", "procurement-agent", "add_note", OpType.OK, "method", "POST",
        "delegated", true, "user", "alice", "scope", "crm.read").build();

    assertThat(Checks.delegatedWrites().check(history).message())
        .isEqualTo("write [add_note] at op #0 used a token without the [crm.write] scope (scope: crm.read)");
  }

  @Test
  void crashing_checker_gives_unknown_never_pass() {
    Checker broken = new Checker() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public CheckResult check(History history) {
        throw new IllegalStateException("boom");
      }
    };

    CheckResult result = Checks.run(broken, aHistory().build());

    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(result.message()).isEqualTo("the checker crashed: java.lang.IllegalStateException: boom");
  }

  @Test
  void checker_throwing_an_error_gives_unknown_never_escapes() {
    List<Throwable> thrown = List.of(new AssertionError("expected 2 orders"), new StackOverflowError(),
        new NoClassDefFoundError("dev/crashtest/Missing"), new ExceptionInInitializerError("static init"));

    for (Throwable error : thrown) {
      CheckResult result = Checks.run(throwing(error), aHistory().build());

      assertThat(result.verdict()).as("verdict after %s", error).isEqualTo(Verdict.UNKNOWN);
      assertThat(result.message()).as("message after %s", error).isEqualTo("the checker crashed: " + error);
    }
  }

  @Test
  void checker_running_the_jvm_out_of_memory_propagates() {
    OutOfMemoryError oom = new OutOfMemoryError("Java heap space");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Checks.run(throwing(oom), aHistory().build()))
        .as("an OutOfMemoryError is the JVM's, not the checker's verdict").isSameAs(oom);
  }

  @Test
  void crashing_checker_makes_the_run_an_error_never_a_pass() {
    List<CheckResult> results = Checks.runAll(List.of(Checks.exactlyOnceEffects(), throwing(new AssertionError("x"))),
        aHistory().build());

    assertThat(results).as("results %s", results).extracting(CheckResult::verdict)
        .containsExactly(Verdict.PASS, Verdict.UNKNOWN);
  }

  private static Checker throwing(Throwable error) {
    return new Checker() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public CheckResult check(History history) {
        if (error instanceof Error e) {
          throw e;
        }
        throw (RuntimeException) error;
      }
    };
  }
}
