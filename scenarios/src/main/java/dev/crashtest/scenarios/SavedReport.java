package dev.crashtest.scenarios;

import dev.crashtest.check.CheckResult;
import dev.crashtest.history.History;
import dev.crashtest.history.HistoryFiles;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import dev.crashtest.history.Vocabulary;
import dev.crashtest.reports.Comparison;
import dev.crashtest.reports.JsonReport;
import dev.crashtest.reports.Report;
import dev.crashtest.reports.ReportRun;
import dev.crashtest.scenario.CrashPoint;
import dev.crashtest.scenario.CrashPointSweep;
import dev.crashtest.scenario.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code report.json} read back into the report model ({@link Report#read(Path)}; its schema is in
 * {@link JsonReport}'s documentation): what {@code --baseline} compares against and what {@code merge} combines. The
 * runs' histories are read only when {@link #runs(Path)} asks for them, so a baseline may be a lone report.json.
 *
 * <pre>{@code
 * SavedReport report = SavedReport.read(Path.of("previous/report.json"));
 * report.cells();                      // the comparison's scenario × agent cells
 * report.runs(report.directory());     // every run, its history read from its history.jsonl
 * }</pre>
 */
final class SavedReport {
  private static final Pattern AGENT_ARGUMENTS = Pattern.compile("\\./crashtest run --scenario(?:-file)?"
      + " ('(?:[^']|'\\\\'')*'|\\S+) (.+) --seed -?[0-9]+");

  private final Path file;
  private final Report report;

  private SavedReport(Path file, Report report) {
    this.file = file;
    this.report = report;
  }

  /**
   * Reads {@code file} and checks it is a Crashtest report of this schema version.
   *
   * @throws IllegalArgumentException one line naming the file and what is wrong with it
   */
  static SavedReport read(Path file) {
    return new SavedReport(file, Report.read(file));
  }

  Path file() {
    return file;
  }

  /** The report.json as the model holds it. */
  Report report() {
    return report;
  }

  /** The report's directory, which its paths are relative to. */
  Path directory() {
    return report.directory();
  }

  long seed() {
    return report.seed();
  }

  int repeat() {
    return report.repeat();
  }

  /** The {@code shard} section of a report a run with {@code --shard} wrote. */
  Optional<ReportSections.Shard> shard() {
    return report.section(ReportSections.SHARD, ReportSections.Shard.class);
  }

  /** The comparison's cells, one per scenario × agent, as the report wrote them. */
  List<Comparison.Cell> cells() {
    return report.comparison().cells();
  }

  /** Each run's directory as the report names it: relative to the report's directory, or absolute. */
  List<Path> runDirectories() {
    List<Path> directories = new ArrayList<>();
    for (ReportRun run : report.runs()) {
      Path history = Path.of(run.history() == null ? "history.jsonl" : run.history());
      directories.add(history.getParent() == null ? Path.of("") : history.getParent());
    }
    return directories;
  }

  /**
   * Every run, its files looked up under {@code base} (the report's directory, or where its run directories were
   * copied). A run without a history file (skipped, or its setup failed) gets an empty history; one whose report
   * entry says {@code cause: environment} keeps that cause.
   */
  List<RunResult> runs(Path base) {
    List<RunResult> runs = new ArrayList<>();
    for (ReportRun run : report.runs()) {
      Path historyFile = base.resolve(run.history() == null ? "history.jsonl" : run.history());
      List<Op> ops = new ArrayList<>(Files.isRegularFile(historyFile) ? HistoryFiles.read(historyFile).ops()
          : List.of());
      String error = run.error() == null ? "" : run.error();
      if (ReportRun.ENVIRONMENT.equals(run.cause()) && ops.stream()
          .noneMatch(op -> op.is(Vocabulary.HARNESS, Vocabulary.ENVIRONMENT_FAILED))) {
        ops.add(new Op(ops.size(), 0, Vocabulary.HARNESS, Vocabulary.RUNNER, Vocabulary.ENVIRONMENT_FAILED,
            OpType.INFO, Map.of("error", error)));
      }
      Matcher arguments = AGENT_ARGUMENTS.matcher(run.reproduce() == null ? "" : run.reproduce());
      runs.add(new RunResult(run.scenario(), run.agent(), run.seed(), run.verdict(), checks(run), error,
          run.metrics() == null ? Map.of() : run.metrics(), History.of(ops), historyFile.getParent(),
          arguments.matches() ? arguments.group(2) : null));
    }
    return runs;
  }

  /** The file each scenario read from one came from, by scenario name, as its runs recorded it. */
  Map<String, ReportRun.SourceFile> scenarioFiles() {
    Map<String, ReportRun.SourceFile> files = new LinkedHashMap<>();
    report.runs().stream().filter(run -> run.scenarioFile() != null)
        .forEach(run -> files.putIfAbsent(run.scenario(), run.scenarioFile()));
    return files;
  }

  /** The report's crash-point sweeps, their runs taken from {@code runs} (as {@link #runs(Path)} returned them). */
  List<CrashPointSweep.Result> sweeps(List<RunResult> runs) {
    Set<Integer> used = new HashSet<>();
    List<CrashPointSweep.Result> sweeps = new ArrayList<>();
    for (Report.Sweep sweep : report.crashPointSweeps()) {
      int clean = take(runs, used, sweep.clean(), sweep.agent(), sweep.seed());
      List<RunResult> crashRuns = new ArrayList<>();
      for (String swept : sweep.swept()) {
        crashRuns.add(runs.get(take(runs, used, swept, sweep.agent(), runs.get(clean).seed())));
      }
      List<CrashPoint> discovered = sweep.discovered().stream()
          .map(label -> CrashPoint.parse(label).orElseThrow(() -> new IllegalArgumentException("[" + file
              + "] names a crash point [" + label + "] that is not service:operation#n")))
          .toList();
      sweeps.add(new CrashPointSweep.Result(runs.get(clean), discovered, crashRuns));
    }
    return sweeps;
  }

  private int take(List<RunResult> runs, Set<Integer> used, String scenario, String agent, Long seed) {
    for (int i = 0; i < runs.size(); i++) {
      RunResult run = runs.get(i);
      if (!used.contains(i) && run.scenario().equals(scenario) && run.agent().equals(agent)
          && (seed == null || run.seed() == seed)) {
        used.add(i);
        return i;
      }
    }
    throw new IllegalArgumentException("[" + file + "] lists a crash-point sweep run [" + scenario + "] of agent ["
        + agent + "] that is not among its runs");
  }

  /** The run's checks with their evidence, which report.json keeps with each violation. */
  private static List<CheckResult> checks(ReportRun run) {
    Map<String, List<Long>> evidence = new LinkedHashMap<>();
    for (ReportRun.Violation violation : run.violations()) {
      evidence.put(violation.checker() + "\n" + violation.message(), violation.evidence());
    }
    return run.checks().stream().map(check -> new CheckResult(check.checker(), check.verdict(), check.message(),
        evidence.getOrDefault(check.checker() + "\n" + check.message(), List.of()))).toList();
  }
}
