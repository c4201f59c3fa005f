package dev.crashtest.scenario;

import static dev.crashtest.scenario.OpsBuilder.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.history.History;
import dev.crashtest.history.HistoryFiles;
import dev.crashtest.history.OpType;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrashPointsTest {

  @Test
  void recorded_happy_path_of_the_naive_agent_has_ten_boundaries_in_the_order_the_agent_met_them()
      throws URISyntaxException {
    History recorded = HistoryFiles.read(
        Path.of(CrashPointsTest.class.getResource("/histories/happy-path-naive.jsonl").toURI()));

    List<CrashPoint> points = CrashPoints.of(recorded);

    assertThat(points).as("points of the recorded run").extracting(CrashPoint::toString).containsExactly(
        "model:chat_completion#1 (asks for get_account)",
        "crm:get_account#1",
        "model:chat_completion#2 (asks for create_quote)",
        "crm:create_quote#1",
        "model:chat_completion#3 (asks for request_approval)",
        "model:chat_completion#4 (asks for place_order)",
        "crm:place_order#1",
        "model:chat_completion#5 (asks for add_note)",
        "crm:add_note#1",
        "model:chat_completion#6 (answer)");
  }

  @Test
  void harness_calls_audits_and_invocations_are_not_boundaries_but_failed_answers_are() {
    History history = ops()
        .op("identity", "harness", "user_token", OpType.OK)
        .op("identity", "naive-agent", "token_exchange", OpType.OK)
        .op("crm", "harness", "audit", OpType.OK)
        .op("crm", "naive-agent", "audit", OpType.OK)
        .op("crm", "naive-agent", "place_order", OpType.INVOKE)
        .op("crm", "naive-agent", "place_order", OpType.FAIL, "status", 503)
        .op("crm", "naive-agent", "place_order", OpType.OK)
        .op("model", "agent", "chat_completion", OpType.FAIL, "status", 429)
        .build();

    assertThat(CrashPoints.of(history)).as("points").extracting(CrashPoint::label)
        .containsExactly("crm:place_order#1", "crm:place_order#2", "model:chat_completion#1");
  }

  @Test
  void a_capped_sweep_keeps_the_first_and_last_boundary_and_spreads_the_rest_evenly() {
    OpsBuilder long20 = ops();
    for (int turn = 1; turn <= 30; turn++) {
      long20.model(turn, "get_account");
    }

    List<CrashPoint> points = CrashPoints.of(long20.build(), 4);

    assertThat(points).as("4 of 30").extracting(CrashPoint::occurrence).containsExactly(1, 11, 20, 30);
    assertThat(CrashPoints.of(long20.build(), 1)).as("1 of 30").extracting(CrashPoint::occurrence).containsExactly(1);
  }

  @Test
  void a_cap_below_one_is_refused() {
    assertThatThrownBy(() -> CrashPoints.of(ops().build(), 0))
        .hasMessage("a sweep needs at least 1 crash point, got max [0]");
  }

  @Test
  void a_label_reads_back_into_the_same_point() {
    CrashPoint point = new CrashPoint("crm", "place_order", 2, "");

    assertThat(CrashPoint.parse(point.label())).as("parsed %s", point.label()).contains(point);
    assertThat(CrashPoint.parse("crm:place_order")).as("no occurrence").isEmpty();
    assertThat(CrashPoint.parse("crm:place_order#0")).as("occurrence 0").isEmpty();
  }
}
