package dev.crashtest.explore;

import dev.crashtest.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Shrinks a failing schedule while it still fails with the same checker (delta debugging, one fault at a time, since
 * each candidate is real processes run again): remove faults, then shorten each, then move each earlier. Bounded by a
 * number of runs over the whole exploration.
 */
final class Shrinker {
  /** A shrunk schedule and the steps that made it so. */
  record Shrunk(Schedule schedule, List<String> steps) {}

  private final BiPredicate<Scenario, String> fails;
  private final int maxRuns;
  private final ExplorationListener listener;
  private int spent;

  Shrinker(BiPredicate<Scenario, String> fails, int maxRuns, ExplorationListener listener) {
    this.fails = fails;
    this.maxRuns = maxRuns;
    this.listener = listener;
  }

  int runsSpent() {
    return spent;
  }

  Shrunk shrink(Schedule failing, String checker, Function<Schedule, Scenario> scenario) {
    List<String> steps = new ArrayList<>();
    Schedule current = failing;
    // until nothing changes: a fault moved earlier may make another one unneeded
    for (Schedule before = null; !current.equals(before) && spent < maxRuns; ) {
      before = current;
      current = remove(current, checker, scenario, steps);
      current = reduce(current, checker, scenario, steps);
    }
    return new Shrunk(current, steps);
  }

  private Schedule remove(Schedule current, String checker, Function<Schedule, Scenario> scenario,
      List<String> steps) {
    boolean changed = true;
    while (changed && current.faults().size() > 1) {
      changed = false;
      for (int i = 0; i < current.faults().size() && current.faults().size() > 1; i++) {
        Schedule candidate = current.with(i, null);
        if (tryCandidate(candidate, checker, scenario)) {
          step(steps, checker, "removed fault " + (i + 1) + " (" + current.faults().get(i).family().id() + ")");
          current = candidate;
          changed = true;
          break;
        }
      }
    }
    return current;
  }

  private Schedule reduce(Schedule current, String checker, Function<Schedule, Scenario> scenario,
      List<String> steps) {
    for (int i = 0; i < current.faults().size(); i++) {
      Optional<PlannedFault> shorter = current.faults().get(i).shorter();
      while (shorter.isPresent()) {
        Schedule candidate = current.with(i, shorter.get());
        if (!tryCandidate(candidate, checker, scenario)) {
          break;
        }
        step(steps, checker, "shortened fault " + (i + 1) + " (" + shorter.get().family().id() + ") to "
            + (shorter.get().durationMillis() > 0 ? shorter.get().durationMillis() + " ms" : "x" + shorter.get().amount()));
        current = candidate;
        shorter = current.faults().get(i).shorter();
      }
      Optional<PlannedFault> earlier = current.faults().get(i).earlier();
      while (earlier.isPresent()) {
        Schedule candidate = current.with(i, earlier.get());
        if (!tryCandidate(candidate, checker, scenario)) {
          break;
        }
        step(steps, checker, "moved fault " + (i + 1) + " (" + earlier.get().family().id() + ") earlier, to "
            + (earlier.get().boundary() >= 0 ? "boundary " + (earlier.get().boundary() + 1)
                : earlier.get().atMillis() + " ms"));
        current = candidate;
        earlier = current.faults().get(i).earlier();
      }
    }
    return current;
  }

  private boolean tryCandidate(Schedule candidate, String checker, Function<Schedule, Scenario> scenario) {
    if (spent >= maxRuns) {
      return false;
    }
    spent++;
    return fails.test(scenario.apply(candidate), checker);
  }

  private void step(List<String> steps, String checker, String step) {
    steps.add(step);
    listener.shrinking(checker, step);
  }
}
