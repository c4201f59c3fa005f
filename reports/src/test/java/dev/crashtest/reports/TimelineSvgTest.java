package dev.crashtest.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class TimelineSvgTest {

  @Test
  void each_op_lands_in_the_lane_of_the_party_it_concerns() {
    assertThat(List.of(op(0, "model", "chat_completion"), op(0, "identity", "token_exchange"),
        op(0, "crm", "place_order"), op(0, "harness", "platform_killed"), op(0, "harness", "agent_paused"),
        op(0, "harness", "task_status"), op(0, "harness", "standby_started"), op(0, "harness", "fault_injected")))
        .as("lanes").extracting(op -> TimelineSvg.Lane.of(op).label).containsExactly("model", "identity provider",
            "CRM", "platform", "agent", "agent", "agent", "harness / nemesis");
  }

  @Test
  void a_fault_never_healed_stays_shaded_to_the_end_of_the_run() {
    History history = History.of(List.of(
        new Op(0, 1000, "harness", "nemesis", "fault_injected", OpType.INFO, Map.of("fault", "rotate the key")),
        new Op(1, 1500, "harness", "nemesis", "platform_killed", OpType.INFO, Map.of()),
        new Op(2, 3000, "model", "agent", "chat_completion", OpType.FAIL, Map.of())));

    Element svg = Jsoup.parse(TimelineSvg.render(history, "run-4", Set.of(2L))).selectFirst("svg");

    assertThat(svg.selectFirst("g.fault-window.open title").text()).as("open window")
        .isEqualTo("F1: rotate the key (injected at op #0, not healed by the end of the run)");
    assertThat(svg.selectFirst("a[href=#run-4-op-1] path.crash")).as("platform crash mark").isNotNull();
    assertThat(svg.selectFirst("a[href=#run-4-op-2] circle.evidence")).as("evidence ring").isNotNull();
    assertThat(svg.selectFirst("a[href=#run-4-op-2] circle.mark.fail")).as("failed call").isNotNull();
  }

  @Test
  void a_restart_is_drawn_where_the_process_started_and_its_readiness_apart() {
    History history = History.of(List.of(
        new Op(0, 1000, "harness", "nemesis", "agent_killed", OpType.INFO, Map.of("pid", 40)),
        new Op(1, 1200, "harness", "nemesis", "agent_restarted", OpType.INFO, Map.of("pid", 41)),
        new Op(2, 1300, "model", "agent", "chat_completion", OpType.OK, Map.of()),
        new Op(3, 1900, "harness", "nemesis", "agent_ready", OpType.INFO, Map.of("pid", 41)),
        new Op(4, 2000, "harness", "nemesis", "standby_ready", OpType.INFO, Map.of("pid", 42))));

    Element svg = Jsoup.parse(TimelineSvg.render(history, "run-1", Set.of())).selectFirst("svg");

    assertThat(svg.select("text.event-label").eachText()).as("labels over the lanes")
        .containsExactly("agent killed", "agent restarted", "agent ready", "standby ready");
    assertThat(svg.selectFirst("a[href=#run-1-op-1] path.mark.restart")).as("restart mark").isNotNull();
    assertThat(svg.selectFirst("a[href=#run-1-op-3] path.mark.ready")).as("ready mark").isNotNull();
    assertThat(svg.select("line.ready-line")).as("ready lines").hasSize(2);
    assertThat(TimelineSvg.Lane.of(history.ops().get(4)).label).as("standby_ready lane").isEqualTo("agent");
  }

  @Test
  void the_axis_ticks_step_by_one_two_or_five_times_a_power_of_ten() {
    assertThat(List.of(TimelineSvg.tickStep(9), TimelineSvg.tickStep(1_181), TimelineSvg.tickStep(12_000),
        TimelineSvg.tickStep(95_000))).as("steps").containsExactly(1L, 200L, 2_000L, 10_000L);
    assertThat(List.of(TimelineSvg.tickLabel(1_400, 200), TimelineSvg.tickLabel(4_000, 2_000),
        TimelineSvg.tickLabel(1_050, 50))).as("labels").containsExactly("1.4 s", "4 s", "1.05 s");
  }

  @Test
  void a_fault_window_is_labelled_with_as_much_of_its_fault_as_fits_over_it() {
    assertThat(List.of(TimelineSvg.faultLabel(1, "outage of [model]", 400), TimelineSvg.faultLabel(2,
        "kill -9 the agent right after the CRM committed [place_order]", 120), TimelineSvg.faultLabel(3, "x y z", 20)))
        .as("labels").containsExactly("F1 outage of [model]", "F2 kill -9 the ag…", "F3");
  }

  private static Op op(long index, String service, String operation) {
    return new Op(index, 0, service, "x", operation, OpType.INFO, Map.of());
  }
}
