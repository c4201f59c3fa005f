package dev.crashtest.check;

import static dev.crashtest.check.HistoryBuilder.aHistory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultChecksTest {

  @Test
  void waiting_as_long_as_retry_after_asks_passes() {
    History history = timed(
        model(0, OpType.FAIL, 429, 1), model(1_050, OpType.FAIL, 429, 1), model(2_100, OpType.OK, 200, -1));

    CheckResult result = Checks.retryAfterHonoured().check(history);

    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    assertThat(result.message()).isEqualTo("the agent waited as asked after all 2 answer(s) 429");
  }

  @Test
  void calling_again_before_retry_after_fails_with_both_ops() {
    History history = timed(model(0, OpType.FAIL, 429, 2), model(300, OpType.OK, 200, -1));

    CheckResult result = Checks.retryAfterHonoured().check(history);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.message()).isEqualTo("the agent ignored Retry-After: op #1 came 300 ms after a 429 asking"
        + " for 2 s (op #0); wait at least Retry-After seconds before calling again");
    assertThat(result.evidence()).containsExactly(0L, 1L);
  }

  @Test
  void six_failed_calls_in_a_row_exceed_a_cap_of_three_retries() {
    List<Op> ops = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ops.add(model(i * 10, OpType.FAIL, 503, -1));
    }
    ops.add(model(100, OpType.OK, 200, -1));

    CheckResult result = Checks.boundedRetries(3).check(timed(ops.toArray(Op[]::new)));

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.message()).isEqualTo("the agent called the model 6 times in a row while it failed"
        + " (5 retries, from op #0); cap retries at 3 and back off");
  }

  @Test
  void a_success_resets_the_retry_count() {
    History history = timed(model(0, OpType.FAIL, 503, -1), model(10, OpType.FAIL, 503, -1),
        model(20, OpType.OK, 200, -1), model(30, OpType.FAIL, 503, -1), model(40, OpType.FAIL, 503, -1));

    assertThat(Checks.boundedRetries(1).check(history).message()).isEqualTo("at most 1 retries in a row (cap 1)");
  }

  @Test
  void task_failed_with_a_reason_ended_cleanly() {
    History history = aHistory().op("harness", "runner", "task_status", OpType.INFO, "taskId", "t",
        "state", "FAILED", "error", "model refused: context_length_exceeded").build();

    CheckResult result = Checks.taskEnded().check(history);

    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    assertThat(result.message()).isEqualTo("the task failed cleanly: model refused: context_length_exceeded");
  }

  @Test
  void task_still_running_did_not_end() {
    History history = aHistory().status("t", "RUNNING").build();

    assertThat(Checks.taskEnded().check(history).message())
        .isEqualTo("the task did not end: last status RUNNING (op #0)");
  }

  private static Op model(long time, OpType type, int status, long retryAfter) {
    Map<String, Object> details = retryAfter < 0
        ? Map.of("status", status)
        : Map.of("status", status, "retryAfterSeconds", retryAfter);
    return new Op(0, time, "model", "agent", "chat_completion", type, details);
  }

  private static History timed(Op... ops) {
    List<Op> indexed = new ArrayList<>();
    for (Op op : ops) {
      indexed.add(new Op(indexed.size(), op.timeMillis(), op.service(), op.actor(), op.operation(), op.type(),
          op.details()));
    }
    return History.of(indexed);
  }
}
