package dev.crashtest.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.scenario.CrashPoint;
import dev.crashtest.scenario.Scenario;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScheduleGeneratorTest {
  private static final Boundaries BOUNDARIES = new Boundaries(List.of(
      new CrashPoint("model", "chat_completion", 1, "asks for get_account"),
      new CrashPoint("crm", "get_account", 1, ""),
      new CrashPoint("model", "chat_completion", 2, "asks for create_quote"),
      new CrashPoint("crm", "create_quote", 1, ""),
      new CrashPoint("crm", "place_order", 1, "")),
      List.of("crm.create_quote", "crm.place_order"), 4_000);

  @Test
  void the_same_seed_gives_the_same_schedules_and_another_seed_others() {
    ScheduleGenerator one = new ScheduleGenerator(42, BOUNDARIES, 3, false);
    ScheduleGenerator again = new ScheduleGenerator(42, BOUNDARIES, 3, false);
    ScheduleGenerator other = new ScheduleGenerator(43, BOUNDARIES, 3, false);

    List<Schedule> first = IntStream.rangeClosed(1, 30).mapToObj(one::schedule).toList();
    assertThat(IntStream.rangeClosed(1, 30).mapToObj(again::schedule).toList()).isEqualTo(first);
    assertThat(IntStream.rangeClosed(1, 30).mapToObj(other::schedule).toList()).isNotEqualTo(first);
    assertThat(first).allSatisfy(schedule -> assertThat(schedule.faults()).hasSizeBetween(1, 3));
  }

  @Test
  void without_a_platform_no_schedule_kills_one_and_every_drawn_fault_is_a_real_scenario() {
    ScheduleGenerator generator = new ScheduleGenerator(7, BOUNDARIES, 3, false);
    List<Schedule> schedules = IntStream.rangeClosed(1, 200).mapToObj(generator::schedule).toList();

    assertThat(schedules).flatExtracting(Schedule::faults).extracting(PlannedFault::family)
        .doesNotContain(FaultFamily.PLATFORM_KILL)
        .contains(FaultFamily.AGENT_KILL, FaultFamily.OUTAGE, FaultFamily.COMMIT_THEN_DROP, FaultFamily.CLOCK_SKEW);
    for (Schedule schedule : schedules) {
      Scenario scenario = schedule.toScenario("explore-" + schedule.run(), BOUNDARIES, false, true);
      assertThat(scenario.faults()).hasSameSizeAs(schedule.faults()).allMatch(fault -> fault.isOptional());
      assertThat(scenario.description()).isNotBlank();
    }
  }
}
