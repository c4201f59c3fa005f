package dev.crashtest.explore;

import dev.crashtest.agent.AgentSpec;
import dev.crashtest.check.CheckResult;
import dev.crashtest.check.Checks;
import dev.crashtest.check.Verdict;
import dev.crashtest.env.Environment;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenario.ScenarioRunner;
import dev.crashtest.scenariofile.ScenarioFile;
import dev.crashtest.workload.Workload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * Seeded random fault schedules that find the failures nobody wrote a scenario for: a clean run learns the task's
 * boundaries, then each run draws 1 to K faults from the whole vocabulary, placed on boundaries or times; a failing run
 * is shrunk (faults removed, durations shortened, triggers moved earlier, each candidate re-run) and written out as a
 * scenario file that reproduces it.
 *
 * <pre>{@code
 * ExplorationResult result = Exploration.of(Agents.naive()).withSeed(42).withRuns(30)
 *     .writingTo(Path.of("explore-out")).run();
 * result.findings().get(0).file();   // explore-out/found/001-task-completed.yaml
 * }</pre>
 *
 * <p>With {@link #withJobs jobs} above 1, up to that many runs go at once, each on its own environment; results are
 * still judged, deduplicated and shrunk in run order, one finding at a time (a candidate's tries side by side), so
 * the schedules, the findings and their files are those of one job.
 */
public final class Exploration {
  private final AgentSpec agent;
  private Workload workload = Workload.procurement();
  private long seed;
  private int runs = 30;
  private Duration timeBudget = Duration.ofMinutes(10);
  private int maxFaults = 3;
  private int triesPerCandidate = 2;
  private int maxShrinkRuns = 40;
  private Path out = Path.of("explore-out");
  private ExplorationListener listener = new ExplorationListener() {};
  private BooleanSupplier stop = () -> false;
  private int jobs = 1;
  private boolean toolsOverMcp;
  private Executor executor = Runnable::run;
  private int candidates;
  /** The last shrink run that failed: the run of the schedule the shrinker holds now. */
  private RunResult lastFailing;

  private Exploration(AgentSpec agent) {
    this.agent = Objects.requireNonNull(agent, "agent");
  }

  public static Exploration of(AgentSpec agent) {
    return new Exploration(agent);
  }

  public Exploration withWorkload(Workload workload) {
    this.workload = Objects.requireNonNull(workload, "workload");
    return this;
  }

  public Exploration withSeed(long seed) {
    this.seed = seed;
    return this;
  }

  /** How many random schedules to run (default 30). */
  public Exploration withRuns(int runs) {
    if (runs < 1) {
      throw new IllegalArgumentException("an exploration needs at least 1 run, got [" + runs + "]");
    }
    this.runs = runs;
    return this;
  }

  /** Stop drawing new runs after this long (default 10 minutes); a run under way finishes. */
  public Exploration withTimeBudget(Duration budget) {
    this.timeBudget = Objects.requireNonNull(budget, "budget");
    return this;
  }

  /** At most this many faults in one schedule (default 3). */
  public Exploration withMaxFaults(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("a schedule holds at least 1 fault, got max [" + max + "]");
    }
    this.maxFaults = max;
    return this;
  }

  /** How many times a shrink candidate is run before it counts as passing (default 2: real processes vary). */
  public Exploration withTriesPerCandidate(int tries) {
    this.triesPerCandidate = Math.max(1, tries);
    return this;
  }

  /** At most this many runs spent shrinking, over the whole exploration (default 40). */
  public Exploration withMaxShrinkRuns(int max) {
    this.maxShrinkRuns = Math.max(0, max);
    return this;
  }

  public Exploration writingTo(Path directory) {
    this.out = Objects.requireNonNull(directory, "directory");
    return this;
  }

  public Exploration withListener(ExplorationListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Up to {@code jobs} runs at once (default 1), each on its own environment: exploration runs ahead of the one being
   * judged, and a shrink candidate's tries side by side. The same seed gives the same findings as one job.
   */
  public Exploration withJobs(int jobs) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1, got [" + jobs + "]");
    }
    this.jobs = jobs;
    return this;
  }

  /** Whether the agent reaches its tools over MCP (default: REST); MCP faults join the vocabulary. */
  public Exploration withToolsOverMcp(boolean overMcp) {
    this.toolsOverMcp = overMcp;
    return this;
  }

  /** Stops between runs when {@code stop} says so (Ctrl-C). */
  public Exploration stoppedBy(BooleanSupplier stop) {
    this.stop = Objects.requireNonNull(stop, "stop");
    return this;
  }

  public ExplorationResult run() {
    if (jobs == 1) {
      return explore();
    }
    ExecutorService pool = Executors.newFixedThreadPool(jobs, runnable -> {
      Thread thread = new Thread(runnable, "crashtest-explore");
      thread.setDaemon(true);
      return thread;
    });
    executor = pool;
    try {
      return explore();
    } finally {
      pool.shutdownNow();
      executor = Runnable::run;
    }
  }

  private ExplorationResult explore() {
    long started = System.nanoTime();
    boolean stubbed = !workload.isBuiltInServices();
    Scenario cleanScenario = Scenario.named("explore-clean").describedAs("The task with no fault: its boundaries.")
        .withChecks(Checks.standard()).withTimeout(Duration.ofSeconds(30));
    RunResult clean = runOnce(cleanScenario, out.resolve("clean"));
    Boundaries boundaries = Boundaries.of(clean.history());
    listener.cleanRun(clean, boundaries);
    if (clean.verdict() != RunVerdict.PASS) {
      return new ExplorationResult(seed, agent.name(), boundaries, List.of(clean), Map.of(), List.of(), 0,
          elapsed(started), "the clean run did not pass (" + clean.verdict() + "), so there is no task to break:"
              + " fix the happy path first");
    }
    boolean platform = agent.platform().map(p -> p.keepsStateAcrossRestarts()).orElse(false);
    ScheduleGenerator generator = new ScheduleGenerator(seed, boundaries, maxFaults, platform, toolsOverMcp);
    Map<String, Integer> tried = new LinkedHashMap<>();
    generator.families().forEach(family -> tried.put(family.id(), 0));
    List<RunResult> results = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    Shrinker shrinker = new Shrinker(this::fails, maxShrinkRuns, listener);
    String stoppedEarly = "";
    // a window of up to `jobs` runs drawn ahead; each is judged (and shrunk) in run order
    Map<Integer, CompletableFuture<RunResult>> window = new java.util.HashMap<>();
    Map<Integer, Schedule> drawn = new java.util.HashMap<>();
    int next = 1;
    for (int run = 1; run <= runs; run++) {
      while (next <= runs && next < run + jobs && stoppedEarly.isEmpty()) {
        if (stop.getAsBoolean()) {
          stoppedEarly = "interrupted after " + (next - 1) + " run(s)";
        } else if (System.nanoTime() - started > timeBudget.toNanos()) {
          stoppedEarly = "the time budget of " + timeBudget.toSeconds() + " s ran out after " + (next - 1) + " run(s)";
        } else {
          Schedule drawnSchedule = generator.schedule(next);
          drawnSchedule.faults().forEach(fault -> tried.merge(fault.family().id(), 1, Integer::sum));
          Scenario scenario = drawnSchedule.toScenario(String.format("explore-%03d", next), boundaries, stubbed, true);
          Path directory = out.resolve("runs").resolve(String.format("%03d", next));
          drawn.put(next, drawnSchedule);
          window.put(next, CompletableFuture.supplyAsync(() -> runOnce(scenario, directory), executor));
          next++;
        }
      }
      if (!window.containsKey(run)) {
        break; // stopped before this run was drawn
      }
      Schedule schedule = drawn.remove(run);
      RunResult result = await(window.remove(run));
      results.add(result);
      Optional<String> checker = failedChecker(result);
      if (stop.getAsBoolean()) {
        checker = Optional.empty(); // Ctrl-C: no shrinking
      }
      if (checker.isPresent() && covered(findings, checker.get(), schedule)) {
        checker = Optional.empty(); // the same failure again: its families hold a known finding's; no runs spent
      }
      if (checker.isPresent()) {
        String name = String.format("explore-found-%03d-%s", findings.size() + 1, checker.get());
        Shrinker.Shrunk shrunk = shrinker.shrink(schedule, checker.get(), candidate -> candidate.toScenario(name,
            boundaries, stubbed, false));
        String failed = checker.get();
        boolean known = findings.stream().anyMatch(f -> f.checker().equals(failed)
            && families(f.schedule()).equals(families(shrunk.schedule())));
        if (!known) {
          Finding finding = write(findings.size() + 1, checker.get(), name, shrunk, run, result, boundaries, stubbed);
          findings.add(finding);
          listener.found(finding);
        }
      }
      long left = Math.max(0, timeBudget.toMillis() - Duration.ofNanos(System.nanoTime() - started).toMillis());
      listener.runFinished(run, runs, result, findings.size(), left);
    }
    return new ExplorationResult(seed, agent.name(), boundaries, results, tried, findings, shrinker.runsSpent(),
        elapsed(started), stoppedEarly);
  }

  /**
   * Whether a finding of {@code checker} is already known whose shrunk schedule's fault families all appear in
   * {@code schedule}: findings are told apart by checker and the families of their minimal schedule.
   */
  private static boolean covered(List<Finding> findings, String checker, Schedule schedule) {
    java.util.Set<FaultFamily> families = new java.util.HashSet<>(families(schedule));
    return findings.stream().anyMatch(f -> f.checker().equals(checker) && families.containsAll(families(f.schedule())));
  }

  private static List<FaultFamily> families(Schedule schedule) {
    return schedule.faults().stream().map(PlannedFault::family).sorted().toList();
  }

  /**
   * Whether {@code scenario} fails {@code checker} in at least one of its tries; with several jobs the tries run side
   * by side (all of a batch end before the answer), each in its own directory.
   */
  private boolean fails(Scenario scenario, String checker) {
    int candidate = ++candidates;
    int batch = Math.min(triesPerCandidate, jobs);
    for (int first = 0; first < triesPerCandidate; first += batch) {
      List<CompletableFuture<RunResult>> tries = new ArrayList<>();
      for (int t = first; t < Math.min(first + batch, triesPerCandidate); t++) {
        Path directory = out.resolve("shrink").resolve(scenario.name())
            .resolve(String.format("%03d-%d", candidate, t + 1));
        tries.add(CompletableFuture.supplyAsync(() -> runOnce(scenario, directory), executor));
      }
      List<RunResult> ended = tries.stream().map(Exploration::await).toList();
      for (RunResult result : ended) {
        if (result.verdict() == RunVerdict.FAIL && failedChecker(result).map(checker::equals).orElse(false)) {
          lastFailing = result; // a failing candidate becomes the shrinker's current schedule
          return true;
        }
      }
    }
    return false;
  }

  /** The run's result; a run that threw throws here, as it would have run in this thread. */
  private static RunResult await(CompletableFuture<RunResult> run) {
    try {
      return run.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /** The first check that failed, in the scenario's order of checks. */
  static Optional<String> failedChecker(RunResult result) {
    if (result.verdict() != RunVerdict.FAIL) {
      return Optional.empty();
    }
    return result.checks().stream().filter(check -> check.verdict() == Verdict.FAIL).map(CheckResult::checker)
        .findFirst();
  }

  private RunResult runOnce(Scenario scenario, Path directory) {
    Environment.Builder options = Environment.embedded().withSeed(seed).withWorkload(workload);
    if (toolsOverMcp) {
      options = options.withToolsOverMcp();
    }
    try (Environment environment = options.start()) {
      return ScenarioRunner.on(environment).writingTo(directory).stoppedBy(stop).run(scenario, agent, seed);
    }
  }

  private Finding write(int number, String checker, String name, Shrinker.Shrunk shrunk, int run, RunResult result,
      Boundaries boundaries, boolean stubbed) {
    Scenario minimal = shrunk.schedule().toScenario(name, boundaries, stubbed, false)
        .describedAs("Found by exploration (seed " + seed + ", run " + run + "), shrunk to what still fails ["
            + checker + "]: " + shrunk.schedule().describe(boundaries, stubbed));
    Path file = out.resolve("found").resolve(String.format("%03d-%s.yaml", number, checker));
    String workloadArguments = (workload.arguments().isEmpty() ? "" : " " + workload.arguments())
        + (toolsOverMcp ? " --tools mcp" : "");
    String reproduce = "./crashtest run --scenario-file " + file + workloadArguments + " " + agent.arguments()
        + " --seed " + seed;
    StringBuilder text = new StringBuilder();
    text.append("# Found by: ./crashtest explore").append(workloadArguments).append(' ').append(agent.arguments())
        .append(" --seed ").append(seed).append(" (run ").append(run).append(")\n");
    text.append("# Reproduce: ").append(reproduce).append('\n');
    text.append("# Shrink steps:").append(shrunk.steps().isEmpty() ? " none (it was already minimal)\n" : "\n");
    shrunk.steps().forEach(step -> text.append("#   - ").append(step).append('\n'));
    text.append(ScenarioFile.toYaml(minimal));
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the finding [" + file + "]: " + e.getMessage(), e);
    }
    return new Finding(checker, minimal, shrunk.schedule(), shrunk.steps(), run, result,
        shrunk.steps().isEmpty() ? result : lastFailing, file, reproduce);
  }

  private static Duration elapsed(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
