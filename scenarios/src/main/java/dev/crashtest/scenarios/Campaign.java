package dev.crashtest.scenarios;

import dev.crashtest.agent.AgentSpec;
import dev.crashtest.env.Environment;
import dev.crashtest.env.EnvironmentException;
import dev.crashtest.reports.Comparison;
import dev.crashtest.reports.HtmlReport;
import dev.crashtest.reports.JsonReport;
import dev.crashtest.reports.JunitReport;
import dev.crashtest.reports.Report;
import dev.crashtest.reports.ReportRun;
import dev.crashtest.scenario.CrashPointSweep;
import dev.crashtest.scenario.CrashPoints;
import dev.crashtest.scenario.RunMetrics;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenario.ScenarioRunner;
import dev.crashtest.scenario.Seeds;
import dev.crashtest.scenariofile.ScenarioFile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The runs one command asked for: every selected scenario against every agent, {@code repeat} times, each run on
 * a fresh environment; then the verdict table, the sweep and comparison tables, {@code report.json}, {@code junit.xml}
 * and {@code index.html}.
 *
 * <pre>{@code
 * List<Campaign.Item> items = List.of(Campaign.Item.sweepRun("crash-point-sweep"));
 * int exit = new Campaign(agents, items, 42L, 1, Path.of("crashtest-out"), false, System.out).run();
 * }</pre>
 *
 * <p>Try r (from 0) of a campaign with seed S runs as a campaign of one try with seed {@code Seeds.forRepeat(S, r)},
 * which is the seed its reproduce command shows; with more than one try each try writes under {@code try-<r+1>/}.
 */
final class Campaign {
  private final List<AgentSpec> agents;
  private final List<Item> items;
  private final long seed;
  private final int repeat;
  private final Path out;
  private final boolean compare;
  private final PrintStream console;
  private final List<RunResult> results = new ArrayList<>();
  private final List<CrashPointSweep.Result> sweeps = new ArrayList<>();
  private boolean environmentFailed;
  private int started;
  private int planned;

  /**
   * What to run: a catalogue scenario, a scenario read from a file ({@code file} is then where it came from), the
   * whole crash-point sweep ({@code sweepRun} = {@code crash-point-sweep}), or one run of it by name
   * ({@code crash-point-sweep[clean]}, {@code crash-point-sweep[crm:place_order#1]}).
   */
  record Item(Scenario scenario, String sweepRun, ScenarioFile file) {
    static Item of(Scenario scenario) {
      return new Item(scenario, null, null);
    }

    static Item of(ScenarioFile file) {
      return new Item(file.scenario(), null, file);
    }

    static Item sweepRun(String name) {
      return new Item(null, name, null);
    }

    /** The name {@code --scenario} gives it. */
    String name() {
      return scenario != null ? scenario.name() : sweepRun;
    }
  }

  private String proxyImage;
  private dev.crashtest.workload.Workload workload = dev.crashtest.workload.Workload.procurement();
  private Gate gate = Gate.standard();
  private Shard shard;
  private Interruption interruption = Interruption.none();

  /** Thrown out of a run that Ctrl-C cut short: its result is no verdict and is left out. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super("interrupted", null, false, false);
    }
  }

  /** One cell of the campaign's matrix: a try (from 0) of an item against an agent. */
  private record Cell(AgentSpec agent, Item item, int tryIndex) {}

  Campaign(List<AgentSpec> agents, List<Item> items, long seed, int repeat, Path out, boolean compare,
      PrintStream console) {
    this.agents = List.copyOf(agents);
    this.items = List.copyOf(items);
    this.seed = seed;
    this.repeat = repeat;
    this.out = out;
    this.compare = compare;
    this.console = console;
  }

  /**
   * The container backend: every environment's services run as containers, its fault proxy as a container of
   * {@code toxiproxyImage} (or Crashtest's own Toxiproxy-compatible image when the engine lacks it).
   */
  Campaign withServicesInContainers(String toxiproxyImage) {
    this.proxyImage = toxiproxyImage;
    return this;
  }

  /** Decides the exit code with {@code gate} ({@code --fail-on}, {@code --baseline}) instead of the default. */
  /** The workload every run gives its agent (default: procurement). */
  Campaign withWorkload(dev.crashtest.workload.Workload workload) {
    this.workload = workload;
    return this;
  }

  Campaign gatedBy(Gate gate) {
    this.gate = gate;
    return this;
  }

  /**
   * Stops at {@code interruption} (Ctrl-C): the run in progress is cut short and left out, no further run starts,
   * and the reports of the runs that finished are written with an {@code incomplete} section; exit 130.
   */
  Campaign interruptedBy(Interruption interruption) {
    this.interruption = interruption;
    return this;
  }

  /** Runs only {@code shard}'s cells of the matrix, and says so in report.json. */
  Campaign sharded(Shard shard) {
    this.shard = shard;
    return this;
  }

  /** Runs everything, prints and writes the report; returns the exit code. */
  int run() {
    List<Cell> matrix = matrix();
    List<Cell> cells = shard == null ? matrix : shard.slice(matrix);
    planned = cells.size();
    String tries = repeat == 1 ? "" : " (" + repeat + " tries each)";
    if (items.stream().anyMatch(item -> CrashPointSweep.NAME.equals(item.sweepRun()))) {
      tries += ", plus one per crash point a sweep finds";
    }
    String slice = shard == null ? "" : ", shard " + shard + ": " + cells.size() + " of " + matrix.size() + " cells";
    console.printf("Crashtest: %d run(s)%s, seed %d%s, output %s%n%n", planned, tries, seed, slice,
        out.toAbsolutePath());
    for (Cell cell : cells) {
      if (interruption.requested()) {
        break;
      }
      runItem(cell.item(), cell.agent(), cell.tryIndex());
    }
    boolean interrupted = interruption.requested();
    Map<String, ReportRun.SourceFile> sources = ScenarioSelection.sources(items.stream().map(Item::file)
        .filter(Objects::nonNull).toList());
    VerdictTable.print(results, sources, console);
    if (!sweeps.isEmpty()) {
      console.println();
      SweepTable.print(sweeps, console);
    }
    if (compare || agents.size() > 1 || repeat > 1) {
      console.println();
      ComparisonTable.print(Comparison.of(results, repeat), console);
    }
    Gate.Decision decision = gate.decide(results, repeat, environmentFailed);
    Report model = Report.of(seed, repeat, results, sweeps, out, sources);
    if (shard != null) {
      model = model.withSection(ReportSections.SHARD, shardSection(planned));
    }
    model = model.withSections(decision.sections());
    if (interrupted) {
      model = model.withSection(ReportSections.INCOMPLETE,
          new ReportSections.Incomplete("interrupted", results.size(), planned));
    }
    Path report = JsonReport.write(model);
    Path junit = JunitReport.write(model);
    Path html = HtmlReport.write(model);
    console.printf("%nReport: %s%n", report.toAbsolutePath());
    console.printf("JUnit:  %s%nHTML:   %s%n", junit.toAbsolutePath(), html.toAbsolutePath());
    if (interrupted) {
      console.printf("%nInterrupted: %d of %d run(s) finished; the reports cover those only (report.json says"
          + " \"incomplete\"). Exit %d%n", results.size(), planned, Interruption.EXIT_INTERRUPTED);
      return Interruption.EXIT_INTERRUPTED;
    }
    decision.print(console);
    return decision.exitCode();
  }

  /** Every cell in the campaign's order: agents, then items, then tries, as the options list them. */
  private List<Cell> matrix() {
    List<Cell> cells = new ArrayList<>();
    for (AgentSpec agent : agents) {
      for (Item item : items) {
        for (int r = 0; r < repeat; r++) {
          cells.add(new Cell(agent, item, r));
        }
      }
    }
    return cells;
  }

  /** What {@code merge} needs to put shards back in the campaign's order and to tell whose shards they are. */
  private ReportSections.Shard shardSection(int cells) {
    return new ReportSections.Shard(shard.index(), shard.count(), cells,
        agents.stream().map(AgentSpec::name).toList(), items.stream().map(Item::name).toList());
  }

  private void runItem(Item item, AgentSpec agent, int r) {
    long trySeed = Seeds.forRepeat(seed, r);
    Path directory = repeat == 1 ? out : out.resolve("try-" + (r + 1));
    String label = repeat == 1 ? "" : " (try " + (r + 1) + "/" + repeat + ", seed " + trySeed + ")";
    CrashPointSweep.Runs runs = (scenario, name) -> runOne(scenario, name, agent, trySeed,
        name.equals(scenario.name()) ? directory : sweepDirectory(directory, name), label);
    try {
      if (item.scenario() != null) {
        results.add(runs.run(item.scenario(), item.scenario().name()));
      } else if (!item.sweepRun().equals(CrashPointSweep.NAME)) {
        results.add(CrashPointSweep.standard().runNamed(item.sweepRun(), runs));
      } else {
        CrashPointSweep.Result sweep = CrashPointSweep.standard().run((scenario, name) -> {
          RunResult result = runs.run(scenario, name);
          if (name.equals(CrashPointSweep.CLEAN_RUN) && result.verdict() == RunVerdict.PASS) {
            planned += CrashPoints.of(result.history(), CrashPointSweep.MAX_POINTS).size();
          }
          return result;
        });
        sweeps.add(sweep);
        results.addAll(sweep.runs());
      }
    } catch (Stopped e) {
      console.printf("      → stopped by Ctrl-C; left out of the reports%n%n");
    } catch (EnvironmentException e) {
      if (interruption.requested()) {
        console.printf("      → stopped by Ctrl-C; left out of the reports%n%n");
        return;
      }
      environmentFailed = true;
      console.printf("      → the environment could not start: %s%n%n", e.getMessage());
    }
  }

  /** One run on a fresh environment; an environment that cannot start ends the item (exit 3). */
  private RunResult runOne(Scenario scenario, String name, AgentSpec agent, long trySeed, Path directory,
      String label) {
    started++;
    console.printf("[%d/%d] %s × %s%s: %s%n", started, planned, name, agent.name(), label,
        scenario.description());
    Environment.Builder options = Environment.embedded().withSeed(trySeed).withWorkload(workload);
    if (proxyImage != null) {
      options = options.withFaultProxyInContainer(proxyImage).withServicesInContainers();
    }
    try (Environment environment = options.start()) {
      if (interruption.requested()) {
        throw new Stopped();
      }
      environment.history().subscribe(new ProgressPrinter(console));
      RunResult result = ScenarioRunner.on(environment).writingTo(directory).stoppedBy(interruption::requested)
          .run(scenario, agent, trySeed);
      if (interruption.requested()) {
        throw new Stopped();
      }
      console.printf("      → %s in %.1f s%n%n", result.verdict(),
          result.metrics().getOrDefault(RunMetrics.WALL_TIME_MILLIS, 0L) / 1000.0);
      return result;
    }
  }

  /** {@code crash-point-sweep/crm-place_order-1}: one directory per point, free of shell-special characters. */
  static Path sweepDirectory(Path directory, String runName) {
    String inner = runName.substring(CrashPointSweep.NAME.length() + 1, runName.length() - 1);
    return directory.resolve(CrashPointSweep.NAME).resolve(inner.replace(':', '-').replace('#', '-'));
  }
}
