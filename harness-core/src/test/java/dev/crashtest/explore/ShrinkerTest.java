package dev.crashtest.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.scenario.CrashPoint;
import dev.crashtest.scenario.ProcessCrash;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShrinkerTest {
  private static final Boundaries BOUNDARIES = new Boundaries(List.of(
      new CrashPoint("model", "chat_completion", 1, ""), new CrashPoint("crm", "get_account", 1, ""),
      new CrashPoint("model", "chat_completion", 2, ""), new CrashPoint("crm", "create_quote", 1, "")),
      List.of("crm.create_quote"), 3_000);

  @Test
  void a_failure_caused_by_a_crash_shrinks_to_that_crash_alone_shortest_and_earliest() {
    Schedule failing = new Schedule(9, List.of(
        new PlannedFault(FaultFamily.OUTAGE, 2, 0, 4_000, 0, "model"),
        new PlannedFault(FaultFamily.AGENT_KILL, 3, 0, 800, 0, "agent"),
        new PlannedFault(FaultFamily.SECRET_ROTATION, -1, 1_200, 0, 0, "identity")));
    List<String> tried = new ArrayList<>();
    // the "agent under test": it loses its task whenever it is killed, whatever else happens
    Shrinker shrinker = new Shrinker((scenario, checker) -> {
      tried.add(scenario.name());
      return scenario.faults().stream().anyMatch(fault -> fault instanceof ProcessCrash);
    }, 40, new ExplorationListener() {});

    Shrinker.Shrunk shrunk = shrinker.shrink(failing, "task-completed",
        schedule -> schedule.toScenario("found", BOUNDARIES, false, false));

    assertThat(shrunk.schedule().faults()).containsExactly(
        new PlannedFault(FaultFamily.AGENT_KILL, 0, 0, 100, 0, "agent"));
    assertThat(shrunk.steps()).first().isEqualTo("removed fault 1 (outage)");
    assertThat(shrunk.steps()).contains("removed fault 2 (secret-rotation)", "moved fault 1 (agent-kill) earlier,"
        + " to boundary 1");
    assertThat(shrinker.runsSpent()).isEqualTo(tried.size()).isLessThanOrEqualTo(40);
  }

  @Test
  void shrinking_stops_at_its_budget_of_runs() {
    Schedule failing = new Schedule(1, List.of(new PlannedFault(FaultFamily.AGENT_KILL, 3, 0, 800, 0, "agent"),
        new PlannedFault(FaultFamily.AGENT_PAUSE, 2, 0, 3_000, 0, "agent")));
    Shrinker shrinker = new Shrinker((scenario, checker) -> true, 2, new ExplorationListener() {});

    shrinker.shrink(failing, "task-completed", schedule -> schedule.toScenario("found", BOUNDARIES, false, false));

    assertThat(shrinker.runsSpent()).isEqualTo(2);
  }
}
