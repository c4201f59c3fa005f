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
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

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
  private volatile boolean environmentFailed;
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger planned = new AtomicInteger();
  private int jobs = 1;
  private boolean toolsOverMcp;

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

  /**
   * Runs up to {@code jobs} runs at once, each on its own environment (own ports, own state, own platform); the
   * results, their order and the reports are those of one at a time. Each run's progress prints as one block when it
   * ends.
   */
  Campaign withJobs(int jobs) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
    }
    this.jobs = jobs;
    return this;
  }

  /** Agents reach their tools over MCP (an MCP server per environment; {@code --tools mcp}). */
  Campaign withToolsOverMcp() {
    this.toolsOverMcp = true;
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
    planned.set(cells.size());
    String tries = repeat == 1 ? "" : " (" + repeat + " tries each)";
    if (items.stream().anyMatch(item -> CrashPointSweep.NAME.equals(item.sweepRun()))) {
      tries += ", plus one per crash point a sweep finds";
    }
    String slice = shard == null ? "" : ", shard " + shard + ": " + cells.size() + " of " + matrix.size() + " cells";
    String side = jobs == 1 ? "" : ", " + jobs + " at a time";
    console.printf("Crashtest: %d run(s)%s, seed %d%s%s, output %s%n%n", planned.get(), tries, seed, slice, side,
        out.toAbsolutePath());
    if (jobs == 1) {
      for (Cell cell : cells) {
        if (interruption.requested()) {
          break;
        }
        runItem(cell.item(), cell.agent(), cell.tryIndex());
      }
    } else {
      runSideBySide(cells);
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
      model = model.withSection(ReportSections.SHARD, shardSection(planned.get()));
    }
    model = model.withSections(decision.sections());
    if (interrupted) {
      model = model.withSection(ReportSections.INCOMPLETE,
          new ReportSections.Incomplete("interrupted", results.size(), planned.get()));
    }
    Path report = JsonReport.write(model);
    Path junit = JunitReport.write(model);
    Path html = HtmlReport.write(model);
    console.printf("%nReport: %s%n", report.toAbsolutePath());
    console.printf("JUnit:  %s%nHTML:   %s%n", junit.toAbsolutePath(), html.toAbsolutePath());
    if (interrupted) {
      console.printf("%nInterrupted: %d of %d run(s) finished; the reports cover those only (report.json says"
          + " \"incomplete\"). Exit %d%n", results.size(), planned.get(), Interruption.EXIT_INTERRUPTED);
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

  /**
   * Every cell on a pool of {@code jobs} threads; a sweep's crash runs join the pool once its clean run found them.
   * Results are gathered in the matrix's order, whatever order the runs end in.
   */
  private void runSideBySide(List<Cell> cells) {
    ExecutorService pool = Executors.newFixedThreadPool(jobs, runnable -> {
      Thread thread = new Thread(runnable, "crashtest-run");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<CompletableFuture<List<Object>>> slots = new ArrayList<>();
      for (Cell cell : cells) {
        slots.add(cellOn(pool, cell));
      }
      for (CompletableFuture<List<Object>> slot : slots) {
        List<Object> done;
        try {
          done = slot.join();
        } catch (CompletionException e) {
          if (e.getCause() instanceof Stopped || e.getCause() instanceof EnvironmentException) {
            continue; // already told on the console, in the run's block
          }
          throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        for (Object each : done) {
          if (each instanceof CrashPointSweep.Result sweep) {
            sweeps.add(sweep);
            results.addAll(sweep.runs());
          } else {
            results.add((RunResult) each);
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** One cell's results (a run, or a sweep) on {@code pool}; fails when a run of it was stopped or could not start. */
  private CompletableFuture<List<Object>> cellOn(ExecutorService pool, Cell cell) {
    Item item = cell.item();
    AgentSpec agent = cell.agent();
    int r = cell.tryIndex();
    if (item.scenario() != null) {
      return CompletableFuture.supplyAsync(() -> List.of(buffered(console ->
          runs(agent, r, console).run(item.scenario(), item.scenario().name()))), pool);
    }
    if (!item.sweepRun().equals(CrashPointSweep.NAME)) {
      return CompletableFuture.supplyAsync(() -> List.of(buffered(console ->
          CrashPointSweep.standard().runNamed(item.sweepRun(), runs(agent, r, console)))), pool);
    }
    CrashPointSweep.Runs runs = (scenario, name) -> buffered(console -> {
      RunResult result = runs(agent, r, console).run(scenario, name);
      countSweepPoints(name, result);
      return result;
    });
    return CrashPointSweep.standard().runOn(pool, runs).thenApply(List::of);
  }

  /**
   * Runs {@code run} printing into a buffer, then prints the buffer to the console as one block: runs side by side
   * do not interleave their lines. A run stopped by Ctrl-C or an environment that could not start is told there too.
   */
  private RunResult buffered(java.util.function.Function<PrintStream, RunResult> run) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream own = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try {
      if (interruption.requested()) {
        throw new Stopped();
      }
      return run.apply(own);
    } catch (Stopped e) {
      own.printf("      → stopped by Ctrl-C; left out of the reports%n%n");
      throw e;
    } catch (EnvironmentException e) {
      if (interruption.requested()) {
        own.printf("      → stopped by Ctrl-C; left out of the reports%n%n");
      } else {
        environmentFailed = true;
        own.printf("      → the environment could not start: %s%n%n", e.getMessage());
      }
      throw e;
    } finally {
      synchronized (console) {
        console.print(bytes.toString(StandardCharsets.UTF_8));
        console.flush();
      }
    }
  }

  /** How try {@code r} of a cell against {@code agent} runs one scenario, printing to {@code console}. */
  private CrashPointSweep.Runs runs(AgentSpec agent, int r, PrintStream console) {
    long trySeed = Seeds.forRepeat(seed, r);
    Path directory = repeat == 1 ? out : out.resolve("try-" + (r + 1));
    String label = repeat == 1 ? "" : " (try " + (r + 1) + "/" + repeat + ", seed " + trySeed + ")";
    return (scenario, name) -> runOne(scenario, name, agent, trySeed,
        name.equals(scenario.name()) ? directory : sweepDirectory(directory, name), label, console);
  }

  /** A sweep's clean run that passed adds its points to the runs planned. */
  private void countSweepPoints(String name, RunResult result) {
    if (name.equals(CrashPointSweep.CLEAN_RUN) && result.verdict() == RunVerdict.PASS) {
      planned.addAndGet(CrashPoints.of(result.history(), CrashPointSweep.MAX_POINTS).size());
    }
  }

  private void runItem(Item item, AgentSpec agent, int r) {
    CrashPointSweep.Runs runs = runs(agent, r, console);
    try {
      if (item.scenario() != null) {
        results.add(runs.run(item.scenario(), item.scenario().name()));
      } else if (!item.sweepRun().equals(CrashPointSweep.NAME)) {
        results.add(CrashPointSweep.standard().runNamed(item.sweepRun(), runs));
      } else {
        CrashPointSweep.Result sweep = CrashPointSweep.standard().run((scenario, name) -> {
          RunResult result = runs.run(scenario, name);
          countSweepPoints(name, result);
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
      String label, PrintStream console) {
    console.printf("[%d/%d] %s × %s%s: %s%n", started.incrementAndGet(), planned.get(), name, agent.name(), label,
        scenario.description());
    Environment.Builder options = Environment.embedded().withSeed(trySeed).withWorkload(workload);
    if (proxyImage != null) {
      options = options.withFaultProxyInContainer(proxyImage).withServicesInContainers();
    }
    if (toolsOverMcp) {
      options = options.withToolsOverMcp();
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
