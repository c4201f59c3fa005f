package dev.crashtest.reports;

import dev.crashtest.explore.Boundaries;
import dev.crashtest.explore.ExplorationResult;
import dev.crashtest.explore.FaultFamily;
import dev.crashtest.explore.Finding;
import dev.crashtest.explore.PlannedFault;
import dev.crashtest.explore.Schedule;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Explorations for the report tests, shaped as {@code Exploration} returns them: run 1 passes, run 2 loses the task to
 * a kill and is shrunk to one kill, whose last run ({@code explore-found-001-task-completed}) is the reproducer.
 */
final class Explorations {
  static final String NAME = "explore-found-001-task-completed";
  static final String SCHEDULE = "kill -9 the agent at +1270 ms, restart it after 200 ms";
  static final String COMMAND = "./crashtest explore --agent naive --seed 1 --runs 2";
  static final List<String> STEPS = List.of("removed fault 2 (outage)", "shortened fault 1 (agent-kill) to 200 ms");
  private static final Boundaries NONE = new Boundaries(List.of(), List.of(), 2_000);
  private static final PlannedFault KILL = new PlannedFault(FaultFamily.AGENT_KILL, -1, 1270, 200, 0, "agent");

  private Explorations() {}

  /** Two runs, the second failing task-completed, shrunk in two steps; its scenario file written under out/found. */
  static ExplorationResult lostTask(Path out) {
    return lostTask(out, SCHEDULE, "./crashtest run --scenario-file " + found(out) + " --agent naive --seed 1");
  }

  /** The same, its minimal schedule described as {@code schedule} and reproduced by {@code reproduce}. */
  static ExplorationResult lostTask(Path out, String schedule, String reproduce) {
    RunResult crash = ReportRuns.crashBeforeCreateQuote(out, "naive", 1L);
    RunResult explored = ReportRuns.of("explore-002", "naive", crash.history().ops(), out, 1L);
    RunResult minimal = ReportRuns.of(NAME, "naive", crash.history().ops(), out, 1L);
    Path file = found(out);
    write(file, "# Reproduce: " + reproduce + "\nname: " + NAME + "\n");
    Finding finding = new Finding("task-completed", Scenario.named(NAME).describedAs(schedule).withFault(KILL
        .toFault(NONE, false)), new Schedule(2, List.of(KILL)), STEPS, 2, explored, minimal, file, reproduce);
    return new ExplorationResult(1L, "naive", NONE, List.of(passed(out), explored), tried(2, 1), List.of(finding),
        7, Duration.ofSeconds(41), "");
  }

  /** Two runs that passed. */
  static ExplorationResult nothingFound(Path out) {
    RunResult second = ReportRuns.of("explore-002", "naive", ReportRuns.happyPath(out, "naive", 1L).history().ops(),
        out, 1L);
    return new ExplorationResult(1L, "naive", NONE, List.of(passed(out), second), tried(1, 2), List.of(), 0,
        Duration.ofSeconds(9), "");
  }

  /** The clean run failed, so no schedule was drawn. */
  static ExplorationResult cleanRunFailed(Path out) {
    RunResult clean = ReportRuns.of("explore-clean", "naive", ReportRuns.crashBeforeCreateQuote(out, "naive", 1L)
        .history().ops(), out, 1L);
    return new ExplorationResult(1L, "naive", NONE, List.of(clean), Map.of(), List.of(), 0, Duration.ofSeconds(3),
        "the clean run did not pass (FAIL), so there is no task to break: fix the happy path first");
  }

  static Path found(Path out) {
    return out.resolve("found").resolve("001-task-completed.yaml");
  }

  private static RunResult passed(Path out) {
    return ReportRuns.of("explore-001", "naive", ReportRuns.happyPath(out, "naive", 1L).history().ops(), out, 1L);
  }

  private static Map<String, Integer> tried(int kills, int outages) {
    Map<String, Integer> tried = new LinkedHashMap<>();
    tried.put("agent-kill", kills);
    tried.put("outage", outages);
    tried.put("clock-skew", 0);
    return tried;
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
