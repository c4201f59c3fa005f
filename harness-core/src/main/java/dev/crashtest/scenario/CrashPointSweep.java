package dev.crashtest.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Runs the task once cleanly, finds its durable boundaries in that run's history ({@link CrashPoints}), then
 * runs it once per boundary, killing the agent ({@code kill -9}) right after the service answered and before the
 * agent heard, restarting it after 200 ms. Every run uses the same task (same scenario name and seed), so the
 * n-th call of a crashed run is the n-th call of the clean one.
 *
 * <pre>{@code
 * CrashPointSweep.Result sweep = CrashPointSweep.standard()
 *     .run((scenario, runName) -> ScenarioRunner.on(env).run(scenario, agent, 42L));
 * sweep.runs();   // crash-point-sweep[model:chat_completion#1], crash-point-sweep[crm:get_account#1], ...
 * }</pre>
 *
 * <p>Runs are named {@code crash-point-sweep[clean]} and {@code crash-point-sweep[crm:place_order#1]}; a name of
 * the second form is enough to run that one point again ({@link #crashingAt}), without the clean run.
 */
public final class CrashPointSweep {
  public static final String NAME = "crash-point-sweep";
  /** The most points a sweep runs; longer runs are sampled evenly. */
  public static final int MAX_POINTS = 20;
  /** The name of the clean run. */
  public static final String CLEAN_RUN = NAME + "[clean]";

  private final int maxPoints;
  private final Duration restartAfter;
  private final Duration timeout;

  private CrashPointSweep(int maxPoints, Duration restartAfter, Duration timeout) {
    this.maxPoints = maxPoints;
    this.restartAfter = restartAfter;
    this.timeout = timeout;
  }

  /** At most {@value #MAX_POINTS} points, restart 200 ms after each kill, 30 s per run. */
  public static CrashPointSweep standard() {
    return new CrashPointSweep(MAX_POINTS, Duration.ofMillis(200), Duration.ofSeconds(30));
  }

  /** Runs one scenario of the sweep, e.g. against one agent on a fresh environment. */
  @FunctionalInterface
  public interface Runs {
    /** {@code runName} tells the runs apart ({@code crash-point-sweep[crm:place_order#1]}), e.g. for directories. */
    RunResult run(Scenario scenario, String runName);
  }

  /**
   * What a sweep found.
   *
   * @param clean the clean run whose history gave the points
   * @param discovered every boundary of the clean run
   * @param crashRuns one run per swept point, in order (at most {@link #MAX_POINTS})
   */
  public record Result(RunResult clean, List<CrashPoint> discovered, List<RunResult> crashRuns) {
    public Result {
      discovered = List.copyOf(discovered);
      crashRuns = List.copyOf(crashRuns);
    }

    /** The clean run, then every crash run. */
    public List<RunResult> runs() {
      List<RunResult> all = new ArrayList<>();
      all.add(clean);
      all.addAll(crashRuns);
      return List.copyOf(all);
    }
  }

  public CrashPointSweep withMaxPoints(int max) {
    if (max < 1 || max > MAX_POINTS) {
      throw new IllegalArgumentException("a sweep runs 1 to " + MAX_POINTS + " crash points, got [" + max + "]");
    }
    return new CrashPointSweep(max, restartAfter, timeout);
  }

  public CrashPointSweep withRestartAfter(Duration delay) {
    return new CrashPointSweep(maxPoints, delay, timeout);
  }

  public CrashPointSweep withTimeout(Duration timeout) {
    return new CrashPointSweep(maxPoints, restartAfter, timeout);
  }

  /** The task without faults: its history gives the crash points. */
  public Scenario cleanRun() {
    return Scenario.named(NAME).describedAs("clean run: finds the durable boundaries of the task").withTimeout(timeout);
  }

  /** The task, the agent killed at {@code point} and restarted. */
  public Scenario crashingAt(CrashPoint point) {
    return Scenario.named(NAME)
        .describedAs("kill -9 " + point.trigger().describe() + ", before the agent heard back; restart after "
            + restartAfter.toMillis() + " ms")
        .withFault(Faults.killAgent().when(point.trigger()).restartAfter(restartAfter))
        .withTimeout(timeout);
  }

  /** {@code crash-point-sweep[crm:place_order#1]}. */
  public static String runName(CrashPoint point) {
    return NAME + "[" + point.label() + "]";
  }

  /** The point a run name such as {@code crash-point-sweep[crm:place_order#1]} names; empty for other names. */
  public static Optional<CrashPoint> pointOf(String runName) {
    if (runName == null || !runName.startsWith(NAME + "[") || !runName.endsWith("]")) {
      return Optional.empty();
    }
    return CrashPoint.parse(runName.substring(NAME.length() + 1, runName.length() - 1));
  }

  /** The clean run, then one run per boundary it showed; no crash runs when the clean run did not pass. */
  public Result run(Runs runs) {
    RunResult clean = renamed(runs.run(cleanRun(), CLEAN_RUN), CLEAN_RUN);
    if (clean.verdict() != RunVerdict.PASS) {
      return new Result(clean, List.of(), List.of());
    }
    List<CrashPoint> discovered = CrashPoints.of(clean.history());
    List<RunResult> crashRuns = new ArrayList<>();
    for (CrashPoint point : CrashPoints.spread(discovered, maxPoints)) {
      crashRuns.add(runAt(point, runs));
    }
    return new Result(clean, discovered, crashRuns);
  }

  /**
   * As {@link #run(Runs)}, with the crash runs side by side on {@code executor}: the clean run first (it finds the
   * points), then every point at once. The result is the same, points in the same order; the future fails with
   * the first run that threw.
   */
  public CompletableFuture<Result> runOn(Executor executor, Runs runs) {
    return CompletableFuture.supplyAsync(() -> renamed(runs.run(cleanRun(), CLEAN_RUN), CLEAN_RUN), executor)
        .thenCompose(clean -> {
          if (clean.verdict() != RunVerdict.PASS) {
            return CompletableFuture.completedFuture(new Result(clean, List.of(), List.of()));
          }
          List<CrashPoint> discovered = CrashPoints.of(clean.history());
          List<CompletableFuture<RunResult>> crashRuns = CrashPoints.spread(discovered, maxPoints).stream()
              .map(point -> CompletableFuture.supplyAsync(() -> runAt(point, runs), executor)).toList();
          return CompletableFuture.allOf(crashRuns.toArray(CompletableFuture[]::new)).thenApply(done ->
              new Result(clean, discovered, crashRuns.stream().map(CompletableFuture::join).toList()));
        });
  }

  /** One crash run alone, e.g. to reproduce {@code crash-point-sweep[crm:place_order#1]} without the clean run. */
  public RunResult runAt(CrashPoint point, Runs runs) {
    return renamed(runs.run(crashingAt(point), runName(point)), runName(point));
  }

  /** One run of a sweep by its name, the clean run or a crash point: how a reproduce command runs it again. */
  public RunResult runNamed(String runName, Runs runs) {
    if (runName.equals(CLEAN_RUN)) {
      return renamed(runs.run(cleanRun(), CLEAN_RUN), CLEAN_RUN);
    }
    return runAt(pointOf(runName).orElseThrow(() -> new IllegalArgumentException("[" + runName + "] is neither "
        + CLEAN_RUN + " nor a crash point; for example: " + NAME + "[crm:place_order#1]")), runs);
  }

  /** The same result under the run's own name, so reports and the reproduce command tell the points apart. */
  static RunResult renamed(RunResult result, String name) {
    return new RunResult(name, result.agent(), result.seed(), result.verdict(), result.checks(), result.error(),
        result.metrics(), result.history(), result.directory(), result.agentArguments());
  }
}
