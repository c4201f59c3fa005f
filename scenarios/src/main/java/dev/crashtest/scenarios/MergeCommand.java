package dev.crashtest.scenarios;

import dev.crashtest.reports.Comparison;
import dev.crashtest.reports.HtmlReport;
import dev.crashtest.reports.JsonReport;
import dev.crashtest.reports.JunitReport;
import dev.crashtest.reports.Report;
import dev.crashtest.reports.ReportRun;
import dev.crashtest.scenario.CrashPointSweep;
import dev.crashtest.scenario.RunResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code crashtest merge}: the report.json of each shard of a campaign (or of runs with the same seed) become one
 * report.json, junit.xml and index.html, as if one process had run it all. Each run's directory is copied next to
 * the merged report, so its paths stay relative and valid; the comparison is computed again over all runs.
 *
 * <pre>
 * ./crashtest run --shard 1/2 --seed 42 --out shard-1
 * ./crashtest run --shard 2/2 --seed 42 --out shard-2
 * ./crashtest merge --out crashtest-out shard-1/report.json shard-2/report.json
 * </pre>
 *
 * <p>The exit code is the merged campaign's, as {@code run} gives it, under {@code --fail-on} and
 * {@code --baseline}; reports that do not make one campaign are a usage error (exit 2).
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
    description = "Combines the report.json of a campaign's shards (--shard i/n) into one report.json, junit.xml and"
        + " index.html, with each run's files copied next to it.")
final class MergeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Where the merged report.json and the runs' files go (default: crashtest-out).")
  Path out = Path.of("crashtest-out");

  @CommandLine.Mixin GateOptions gateOptions = new GateOptions();

  @Parameters(arity = "1..*", paramLabel = "REPORT", description = "The shards' report.json files.")
  List<Path> reports;

  @Override
  public Integer call() {
    List<SavedReport> saved = new ArrayList<>();
    try {
      OutDirectory.require(out);
      for (Path report : reports) {
        saved.add(SavedReport.read(report));
      }
      ShardMerge.check(saved);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    long seed = saved.get(0).seed();
    int repeat = saved.get(0).repeat();
    Gate gate = gateOptions.gate(spec.commandLine(), repeat);
    List<List<RunResult>> runsOfEach = new ArrayList<>();
    try {
      for (SavedReport report : saved) {
        runsOfEach.add(report.runs(copyRunDirectories(report)));
      }
    } catch (UncheckedIOException e) {
      System.err.println(spec.qualifiedName() + ": " + e.getMessage());
      return CrashtestCli.EXIT_ENVIRONMENT;
    }
    List<RunResult> runs;
    List<CrashPointSweep.Result> sweeps = new ArrayList<>();
    try {
      runs = ShardMerge.order(saved, runsOfEach);
      for (int i = 0; i < saved.size(); i++) {
        sweeps.addAll(saved.get(i).sweeps(runsOfEach.get(i)));
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    sweeps.sort(Comparator.comparingInt(sweep -> runs.indexOf(sweep.clean())));
    return write(seed, repeat, runs, sweeps, saved, gate.decide(runs, repeat, false));
  }

  private int write(long seed, int repeat, List<RunResult> runs, List<CrashPointSweep.Result> sweeps,
      List<SavedReport> saved, Gate.Decision decision) {
    PrintStream console = System.out;
    console.printf("Merged %d report(s) of seed %d: %d run(s)%n%n", saved.size(), seed, runs.size());
    Map<String, ReportRun.SourceFile> scenarioFiles = new LinkedHashMap<>();
    saved.forEach(report -> report.scenarioFiles().forEach(scenarioFiles::putIfAbsent));
    VerdictTable.print(runs, scenarioFiles, console);
    if (repeat > 1 || runs.stream().map(RunResult::agent).distinct().count() > 1) {
      console.println();
      ComparisonTable.print(Comparison.of(runs, repeat), console);
    }
    Report model = Report.of(seed, repeat, runs, sweeps, out, scenarioFiles)
        .withSection(ReportSections.MERGED_FROM, saved.stream().map(MergeCommand::mergedFrom).toList())
        .withSections(decision.sections());
    Path report = JsonReport.write(model);
    Path junit = JunitReport.write(model);
    Path html = HtmlReport.write(model);
    console.printf("%nReport: %s%nJUnit:  %s%nHTML:   %s%n", report.toAbsolutePath(), junit.toAbsolutePath(),
        html.toAbsolutePath());
    decision.print(console);
    return decision.exitCode();
  }

  private static ReportSections.MergedFrom mergedFrom(SavedReport report) {
    return new ReportSections.MergedFrom(report.file().toString(),
        report.shard().map(shard -> shard.index() + "/" + shard.count()).orElse(null));
  }

  /**
   * Copies the report's run directories to the same relative place under {@code --out}; returns where its runs'
   * files now are. A report already in {@code --out} is left where it is.
   */
  private Path copyRunDirectories(SavedReport report) {
    Path from = report.directory().toAbsolutePath().normalize();
    Path to = out.toAbsolutePath().normalize();
    if (from.equals(to)) {
      return from;
    }
    for (Path directory : report.runDirectories()) {
      Path source = from.resolve(directory).normalize();
      if (directory.isAbsolute() || !source.startsWith(from) || source.equals(from) || !Files.isDirectory(source)) {
        continue;
      }
      copyTree(source, to.resolve(from.relativize(source)));
    }
    return to;
  }

  private static void copyTree(Path source, Path target) {
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not copy the run directory [" + source + "] to [" + target + "]: "
          + e.getMessage(), e);
    }
  }
}
