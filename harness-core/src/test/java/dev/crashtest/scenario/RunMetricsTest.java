package dev.crashtest.scenario;

import static dev.crashtest.scenario.OpsBuilder.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RunMetricsTest {

  private static OpsBuilder untilTheOrder() {
    return ops().submit("t-1").status("t-1", "RUNNING")
        .after(100).model(1, "get_account").after(10).read("get_account")
        .after(10).model(2, "create_quote").after(10).write("create_quote", "t-1/2/create_quote", "quote", "Q-1")
        .after(10).model(3, "request_approval").after(10).model(4, "place_order")
        .after(10).write("place_order", "t-1/4/place_order", "order", "O-1");
  }

  @Test
  void a_clean_run_completes_with_nothing_duplicated_redone_or_recovered() {
    Map<String, Long> metrics = RunMetrics.of(untilTheOrder().after(10).model(5, "add_note")
        .after(10).write("add_note", "t-1/5/add_note", "note", "N-1").after(10).model(6)
        .status("t-1", "COMPLETED").build(), 2_000);

    assertThat(metrics).as("metrics").contains(entry("wallTimeMillis", 2_000L), entry("completed", 1L),
        entry("modelCalls", 6L), entry("crmCalls", 4L), entry("sideEffects", 3L), entry("duplicateEffects", 0L),
        entry("redoneModelCalls", 0L), entry("redoneCrmCalls", 0L), entry("restarts", 0L),
        entry("unrecoveredRestarts", 0L), entry("modelTokens", 2_160L)).doesNotContainKey("recoveryMillis");
  }

  @Test
  void a_durable_agent_recovers_at_its_first_call_after_the_restart_and_redoes_nothing() {
    Map<String, Long> metrics = RunMetrics.of(untilTheOrder().kill().after(200).restart()
        .after(45).replay("place_order", "t-1/4/place_order").after(10).model(5, "add_note")
        .after(10).write("add_note", "t-1/5/add_note", "note", "N-1").after(10).model(6)
        .status("t-1", "COMPLETED").build(), 3_000);

    assertThat(metrics).as("metrics").contains(entry("completed", 1L), entry("kills", 1L), entry("restarts", 1L),
        entry("recoveryMillis", 45L), entry("unrecoveredRestarts", 0L), entry("duplicateEffects", 0L),
        entry("redoneCalls", 0L));
  }

  @Test
  void an_agent_that_starts_over_is_timed_to_its_first_new_work_and_its_redone_calls_are_split_by_service() {
    Map<String, Long> metrics = RunMetrics.of(untilTheOrder().kill().after(200).restart()
        .after(100).model(1, "get_account").after(10).read("get_account").after(10).model(2, "create_quote")
        .after(10).write("create_quote", "t-1/again/create_quote", "quote", "Q-2")
        .status("t-1", "COMPLETED").build(), 4_000);

    assertThat(metrics).as("metrics").contains(entry("redoneModelCalls", 2L), entry("redoneCrmCalls", 1L),
        entry("redoneCalls", 3L), entry("recoveryMillis", 130L), entry("duplicateEffects", 1L),
        entry("sideEffects", 3L));
  }

  @Test
  void an_agent_that_lost_the_task_never_recovered_and_did_not_complete() {
    Map<String, Long> metrics = RunMetrics.of(untilTheOrder().kill().after(200).restart()
        .after(50).status("t-1", "UNKNOWN_TASK").build(), 3_500);

    assertThat(metrics).as("metrics").contains(entry("completed", 0L), entry("unrecoveredRestarts", 1L))
        .doesNotContainKey("recoveryMillis");
  }

  @Test
  void recovery_counts_from_readiness_and_downtime_from_the_kill_to_readiness() {
    Map<String, Long> metrics = RunMetrics.of(untilTheOrder().kill().after(200).restart().after(300).ready()
        .after(45).replay("place_order", "t-1/4/place_order").after(10).model(5, "add_note")
        .status("t-1", "COMPLETED").build(), 3_000);

    assertThat(metrics).as("metrics").contains(entry("recoveryMillis", 45L), entry("downtimeMillis", 500L),
        entry("unrecoveredRestarts", 0L));
  }

  @Test
  void an_agent_that_resumes_while_it_starts_up_recovered_at_once_not_never() {
    Map<String, Long> metrics = RunMetrics.of(untilTheOrder().kill().after(200).restart()
        .after(20).replay("place_order", "t-1/4/place_order").after(10).model(5, "add_note")
        .after(10).write("add_note", "t-1/5/add_note", "note", "N-1").after(10).model(6)
        .after(250).ready().status("t-1", "COMPLETED").build(), 3_000);

    assertThat(metrics).as("progress before /health answered").contains(entry("recoveryMillis", 0L),
        entry("unrecoveredRestarts", 0L), entry("downtimeMillis", 500L), entry("completed", 1L));
  }
}
