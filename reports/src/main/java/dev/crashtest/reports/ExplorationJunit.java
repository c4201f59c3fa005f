package dev.crashtest.reports;

import dev.crashtest.scenario.RunVerdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * junit.xml of an exploration: two suites, so that CI counts each distinct failure once.
 *
 * <ul>
 *   <li>{@code crashtest.explore}, what CI gates on: a failed case per finding, named as its scenario file's scenario
 *       ({@code explore-found-001-task-completed}), typed by its checker, its message the minimal schedule and its
 *       text the shrink steps, file and reproduce command; when nothing was found, one passing case
 *       {@code explore naive seed 1: 30 runs} (an error when the exploration stopped before trying any fault).</li>
 *   <li>{@code crashtest.explore.runs}, what was run: a case per exploration run and per minimal run. A run that
 *       FAILed is not a failure here: its failure is a finding's, already counted above (or the same failure again,
 *       not shrunk a second time), so it passes with its verdict, violations and reproduce command as
 *       {@code <system-out>}. An ERROR stays an error and a SKIPPED a skip: no finding covers them.</li>
 * </ul>
 */
final class ExplorationJunit {
  static final String FINDINGS = "crashtest.explore";
  static final String RUNS = "crashtest.explore.runs";

  private ExplorationJunit() {}

  static List<JunitReport.Suite> suites(Report report, ExplorationSection section) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("seed", String.valueOf(section.seed()));
    properties.put("agent", section.agent());
    properties.put("runs", String.valueOf(section.runs()));
    properties.put("shrinkRuns", String.valueOf(section.shrinkRuns()));
    properties.put("faultsTried", section.faultsTried().entrySet().stream()
        .map(family -> family.getKey() + "=" + family.getValue()).collect(Collectors.joining(", ")));
    properties.put("crashtest.version", report.facts().crashtestVersion());
    return List.of(new JunitReport.Suite(FINDINGS, properties, findings(report, section)),
        new JunitReport.Suite(RUNS, properties, runs(report, section)));
  }

  private static List<JunitReport.Case> findings(Report report, ExplorationSection section) {
    String classname = FINDINGS + "." + section.agent();
    if (section.findings().isEmpty()) {
      String name = "explore " + section.agent() + " seed " + section.seed() + ": " + section.runs() + " runs";
      long millis = section.elapsedSeconds() * 1000;
      if (section.faultsInAll() == 0 && !section.stoppedEarly().isEmpty()) {
        return List.of(new JunitReport.Case(classname, name, millis, "error", "exploration-stopped",
            "explored nothing: " + section.stoppedEarly(), "\n" + section.stoppedEarly() + "\n", null));
      }
      return List.of(JunitReport.Case.pass(classname, name, millis, "No failure found in " + section.runs()
          + " runs; faults tried: " + section.faultsTried()
          + (section.stoppedEarly().isEmpty() ? "" : "; stopped early: " + section.stoppedEarly()) + "\n"));
    }
    return section.findings().stream().map(found -> new JunitReport.Case(classname, found.name(),
        minimalRunMillis(report, found), "failure", found.checker(),
        found.checker() + " fails under: " + found.schedule(), text(found), null)).toList();
  }

  /** The minimal schedule, the shrink steps, the file and the command, a line each. */
  private static String text(ExplorationSection.Found found) {
    StringBuilder text = new StringBuilder("\n");
    text.append("found in run ").append(found.foundInRun()).append(", shrunk to ").append(found.faults())
        .append(" fault(s): ").append(found.schedule()).append('\n');
    if (found.shrinkSteps().isEmpty()) {
      text.append("shrink steps: none (it was already minimal)\n");
    } else {
      text.append("shrink steps:\n");
      found.shrinkSteps().forEach(step -> text.append("  - ").append(step).append('\n'));
    }
    text.append("file: ").append(found.file()).append('\n')
        .append("reproduce: ").append(found.reproduce()).append('\n');
    if (found.minimalRun() != null) {
      text.append("minimal run: ").append(found.minimalRun()).append(" (in ").append(RUNS).append(")\n");
    }
    return text.toString();
  }

  private static long minimalRunMillis(Report report, ExplorationSection.Found found) {
    return report.runs().stream().filter(run -> run.scenario().equals(found.minimalRun())).findFirst()
        .map(ReportRun::wallMillis).orElse(0L);
  }

  private static List<JunitReport.Case> runs(Report report, ExplorationSection section) {
    return report.runs().stream().map(run -> {
      if (run.verdict() != RunVerdict.FAIL) {
        return JunitReport.testcase(run, report.repeat());
      }
      String role = section.isFinding(run.scenario()) ? "the minimal schedule's run of the finding [" + run.scenario()
          + "]" : "an exploration run";
      return JunitReport.Case.pass("crashtest." + run.agent(), run.label(report.repeat()), run.wallMillis(),
          "FAIL (" + role + "; counted once, as a finding, in the suite " + FINDINGS + ")\n"
              + JunitReport.details(run));
    }).toList();
  }
}
