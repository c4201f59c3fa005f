package dev.crashtest.explore;

import dev.crashtest.check.Checks;
import dev.crashtest.scenario.Fault;
import dev.crashtest.scenario.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The faults of one exploration run, drawn from the seed: a scenario as plain data, shrinkable fault by fault.
 *
 * @param run the run's number, from 1
 */
public record Schedule(int run, List<PlannedFault> faults) {

  public Schedule {
    faults = List.copyOf(faults);
  }

  /**
   * The scenario that runs this schedule, judged by the standard checks. While exploring, every fault is optional: a
   * fault a diverted run never reaches makes no ERROR; a found reproducer's faults all fired, so it writes them plain.
   */
  public Scenario toScenario(String name, Boundaries boundaries, boolean stubbedServices, boolean optional) {
    Scenario scenario = Scenario.named(name).describedAs(describe(boundaries, stubbedServices))
        .withChecks(Checks.standard()).withTimeout(Duration.ofSeconds(30));
    for (PlannedFault planned : faults) {
      Fault fault = planned.toFault(boundaries, stubbedServices);
      scenario = scenario.withFault(optional ? optionalOf(fault) : fault);
    }
    return scenario;
  }

  private static Fault optionalOf(Fault fault) {
    return fault.allowedToMiss();
  }

  /** What the schedule does, one fault after another. */
  public String describe(Boundaries boundaries, boolean stubbedServices) {
    return faults.stream().map(f -> f.toFault(boundaries, stubbedServices).describe())
        .collect(Collectors.joining("; "));
  }

  /** The same schedule with fault {@code index} replaced, or removed when {@code replacement} is null. */
  Schedule with(int index, PlannedFault replacement) {
    List<PlannedFault> changed = new ArrayList<>(faults);
    if (replacement == null) {
      changed.remove(index);
    } else {
      changed.set(index, replacement);
    }
    return new Schedule(run, changed);
  }
}
