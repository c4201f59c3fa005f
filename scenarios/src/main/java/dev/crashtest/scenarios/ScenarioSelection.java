package dev.crashtest.scenarios;

import dev.crashtest.workload.Workload;

import dev.crashtest.internal.DidYouMean;
import dev.crashtest.catalogue.Catalogue;
import dev.crashtest.reports.ReportRun;
import dev.crashtest.scenario.CrashPointSweep;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenariofile.ScenarioFile;
import dev.crashtest.scenariofile.ScenarioFileException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The scenarios a command names: built-in ones by {@code --scenario}, and those read from {@code --scenario-file}
 * (a file, or a directory meaning every {@code *.yaml} in it). With neither, every built-in scenario; with only
 * files, only the files' scenarios; with both, both.
 *
 * <pre>{@code
 * ScenarioSelection selection = ScenarioSelection.of(List.of("happy-path"), List.of(Path.of("incidents")));
 * selection.items();     // happy-path, then each file's scenario, files sorted by name
 * selection.sources();   // scenario name -> its file's path and sha256, for report.json
 * }</pre>
 *
 * @param items what to run, in order: the {@code --scenario} names as given, then the files' scenarios
 * @param files the scenario files read, in order
 */
record ScenarioSelection(List<Campaign.Item> items, List<ScenarioFile> files) {

  /**
   * Reads the files and resolves the names.
   *
   * @throws ScenarioFileException with every problem of every file (one line each, for standard error)
   * @throws IllegalArgumentException one line: an unknown name, a file scenario named like a built-in one, no
   *     scenario in the files
   */
  static ScenarioSelection of(List<String> names, List<Path> paths) {
    return of(names, paths, Workload.procurement());
  }

  /** As {@link #of(List, List)}, the files read for {@code workload}. */
  static ScenarioSelection of(List<String> names, List<Path> paths, Workload workload) {
    List<ScenarioFile> files = read(paths, workload);
    List<Campaign.Item> items = new ArrayList<>();
    if (names.isEmpty() && files.isEmpty()) {
      Catalogue.all().forEach(scenario -> items.add(Campaign.Item.of(scenario)));
    }
    for (String raw : names) {
      items.add(builtIn(raw.trim(), files));
    }
    files.forEach(file -> items.add(Campaign.Item.of(file)));
    return new ScenarioSelection(List.copyOf(items), files);
  }

  /**
   * Every scenario of {@code paths}, none when there are none; refuses a scenario named like a built-in one (or like
   * the crash-point sweep), and paths that hold no scenario at all.
   */
  static List<ScenarioFile> read(List<Path> paths) {
    return read(paths, Workload.procurement());
  }

  /** As {@link #read(List)}, the files read for {@code workload}. */
  static List<ScenarioFile> read(List<Path> paths, Workload workload) {
    if (paths.isEmpty()) {
      return List.of();
    }
    List<ScenarioFile> files = new ArrayList<>();
    Map<String, ScenarioFile> byName = new LinkedHashMap<>();
    for (ScenarioFile file : ScenarioFile.readAll(paths, workload)) {
      String name = file.scenario().name();
      ScenarioFile twice = byName.get(name);
      if (twice != null && same(twice.path(), file.path())) {
        continue;   // the same file given twice, e.g. alone and in its directory
      }
      if (twice != null) {
        throw new IllegalArgumentException("scenario files [" + twice.path() + "] and [" + file.path() + "] both"
            + " name their scenario [" + name + "]; give each a name of its own (reports and reproduce commands"
            + " tell scenarios apart by name)");
      }
      if (Catalogue.named(name).isPresent() || name.equals(CrashPointSweep.NAME)) {
        throw new IllegalArgumentException("scenario file [" + file.path() + "] names its scenario [" + name
            + "], as the built-in scenario [" + name + "] is named; give it a name of its own in the file, for"
            + " example: name: " + name + "-2 (reports and reproduce commands tell scenarios apart by name)");
      }
      byName.put(name, file);
      files.add(file);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("--scenario-file " + paths + " holds no scenario: name a *.yaml file, or"
          + " a directory with *.yaml files in it");
    }
    return List.copyOf(files);
  }

  /** A built-in scenario or crash-point sweep run by name, as {@code --scenario} takes it. */
  private static Campaign.Item builtIn(String name, List<ScenarioFile> files) {
    if (name.equals(CrashPointSweep.NAME) || name.equals(CrashPointSweep.CLEAN_RUN)) {
      return Campaign.Item.sweepRun(name);
    }
    if (name.startsWith(CrashPointSweep.NAME + "[")) {
      CrashPointSweep.pointOf(name).orElseThrow(() -> new IllegalArgumentException("crash point [" + name
          + "] does not name a call as service:operation#n; for example: crash-point-sweep[crm:place_order#1]"));
      return Campaign.Item.sweepRun(name);
    }
    for (ScenarioFile file : files) {
      if (file.scenario().name().equals(name)) {
        throw new IllegalArgumentException("--scenario [" + name + "] is the scenario of [" + file.path() + "],"
            + " which --scenario-file runs already; --scenario names built-in scenarios only");
      }
    }
    return Campaign.Item.of(Catalogue.named(name).orElseThrow(() -> new IllegalArgumentException(
        unknown(name, Catalogue.names()) + ", " + CrashPointSweep.NAME
            + DidYouMean.hint(name, Catalogue.names()))));
  }

  /**
   * Prints each problem of unreadable scenario files as its own line on standard error, as the reader wrote it
   * ({@code incident.yaml:14:7: faults[1].when.committed: unknown operation ...}), which editors and CI logs link to
   * the line; no stack trace. Returns the usage exit code, 2.
   */
  static int rejected(ScenarioFileException e, CommandLine commandLine) {
    PrintWriter err = commandLine.getErr();
    e.problems().forEach(err::println);
    err.flush();
    return CrashtestCli.EXIT_USAGE;
  }

  /** {@code unknown scenario [x]; known scenarios: a, b, c}, without the end of the sentence. */
  static String unknown(String name, List<String> known) {
    return "unknown scenario [" + name + "]; known scenarios: " + String.join(", ", known);
  }

  /** Each file scenario's name and where it came from, for report.json and the reproduce commands. */
  Map<String, ReportRun.SourceFile> sources() {
    return sources(files);
  }

  static Map<String, ReportRun.SourceFile> sources(List<ScenarioFile> files) {
    Map<String, ReportRun.SourceFile> sources = new LinkedHashMap<>();
    files.forEach(file -> sources.put(file.scenario().name(),
        new ReportRun.SourceFile(file.path().toString(), file.sha256())));
    return sources;
  }

  /** The scenarios read from files. */
  List<Scenario> fileScenarios() {
    return files.stream().map(ScenarioFile::scenario).toList();
  }

  private static boolean same(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }
}
