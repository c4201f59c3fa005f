package dev.crashtest.scenario;

import static dev.crashtest.history.Vocabulary.APPROVAL_WITHHELD;
import static dev.crashtest.history.Vocabulary.AWAITING_APPROVAL;
import static dev.crashtest.history.Vocabulary.COMPLETED;
import static dev.crashtest.history.Vocabulary.ENVIRONMENT_FAILED;
import static dev.crashtest.history.Vocabulary.FAILED;
import static dev.crashtest.history.Vocabulary.HARNESS;
import static dev.crashtest.history.Vocabulary.RUNNER;
import static dev.crashtest.history.Vocabulary.TASK_ID;
import static dev.crashtest.history.Vocabulary.TASK_STATE;
import static dev.crashtest.history.Vocabulary.TASK_STATUS;
import static dev.crashtest.history.Vocabulary.TIMED_OUT;
import static dev.crashtest.history.Vocabulary.UNKNOWN_TASK;

import dev.crashtest.agent.AgentException;
import dev.crashtest.agent.AgentSpec;
import dev.crashtest.check.CheckResult;
import dev.crashtest.check.Checks;
import dev.crashtest.env.Environment;
import dev.crashtest.env.EnvironmentException;
import dev.crashtest.fakes.admin.AdminException;
import dev.crashtest.history.History;
import dev.crashtest.history.HistoryFiles;
import dev.crashtest.internal.Directories;
import dev.crashtest.history.OpType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a {@link Scenario} against an agent in an {@link Environment} and judges the history.
 *
 * <pre>{@code
 * try (Environment env = Environment.embedded().start()) {
 *   RunResult result = ScenarioRunner.on(env).run(scenario, AgentSpec.command("mine", List.of("./my-agent")), 42L);
 *   assertThat(result.verdict()).isEqualTo(RunVerdict.PASS);
 * }
 * }</pre>
 *
 * <p>Each run judges only its own part of the environment's history, so one environment can serve several runs.
 */
public final class ScenarioRunner {
  private static final long POLL_MILLIS = 50;
  private static final long LOST_AFTER_MILLIS = 1_000;

  private final Environment environment;
  private final Path outputDirectory;
  private final BooleanSupplier stop;

  private ScenarioRunner(Environment environment, Path outputDirectory, BooleanSupplier stop) {
    this.environment = environment;
    this.outputDirectory = outputDirectory;
    this.stop = stop;
  }

  /** A runner that writes each run's files under the environment's work directory. */
  public static ScenarioRunner on(Environment environment) {
    return new ScenarioRunner(environment, environment.workDirectory().resolve("runs"), () -> false);
  }

  /** The same runner, writing each run's files (history, agent log) under {@code directory}. */
  public ScenarioRunner writingTo(Path directory) {
    return new ScenarioRunner(environment, directory, stop);
  }

  /**
   * The same runner, giving up watching the task as soon as {@code stop} says so (Ctrl-C): the run then ends as
   * it stands, its agent stopped, and its result is not a verdict on the agent; the caller that stopped it knows.
   */
  public ScenarioRunner stoppedBy(BooleanSupplier stop) {
    return new ScenarioRunner(environment, outputDirectory, stop);
  }

  /**
   * Runs {@code scenario} against {@code agent}; every random choice is drawn from {@code seed}. Never throws for
   * what happens in the run: an exception of the harness itself is an ERROR naming it, the agent stopped.
   */
  public RunResult run(Scenario scenario, AgentSpec agent, long seed) {
    Path directory = outputDirectory.resolve(scenario.name() + "--" + agent.name());
    int before = environment.history().size();
    try {
      return judged(scenario, agent, seed, directory);
    } catch (RuntimeException e) {
      // not the agent's doing: a bug or a broken resource of the harness; the run tells nothing about the agent
      RuntimeException named = new IllegalStateException("the harness failed during the run: " + e
          + "; nothing of it is the agent's fault: rerun, and report it with the history if it repeats", e);
      recordEnvironmentFailure(named);
      return errored(scenario, agent, seed, directory, named, environment.history().since(before));
    }
  }

  /** The arguments that select the workload (when not procurement) and the agent again, for the reproduce line. */
  private String arguments(AgentSpec agent) {
    String workload = environment.workload().arguments();
    String tools = environment.toolsOverMcp() ? "--tools mcp " : "";
    return (workload.isEmpty() ? "" : workload + " ") + tools + agent.arguments();
  }

  /** Why the scenario cannot run here: a fault of the MCP server, or of its hop, when tools are not over MCP. */
  private java.util.Optional<String> needsMcp(Scenario scenario) {
    boolean mcp = scenario.faults().stream().anyMatch(fault ->
        fault instanceof ServiceFault service && service.service() == dev.crashtest.env.Service.MCP
            || fault instanceof NetworkFault network && network.services().contains(dev.crashtest.env.Service.MCP)
                && network.services().size() == 1);
    return mcp && !environment.toolsOverMcp()
        ? java.util.Optional.of(scenario + " acts on the MCP server, and the agents reach their tools over REST here;"
            + " run it with --tools mcp")
        : java.util.Optional.empty();
  }

  private RunResult judged(Scenario scenario, AgentSpec agent, long seed, Path directory) {
    java.util.Optional<String> notApplicable = scenario.notApplicableTo(agent)
        .or(() -> scenario.notApplicableTo(environment.workload())).or(() -> needsMcp(scenario));
    if (notApplicable.isPresent()) {
      return new RunResult(scenario.name(), agent.name(), seed, RunVerdict.SKIPPED, List.of(), notApplicable.get(),
          Map.of("wallTimeMillis", 0L), environment.history().since(environment.history().size()), directory,
          arguments(agent));
    }
    Task task = Task.of(environment.workload(), new Random(Seeds.forRun(seed, scenario.name(), agent.name())));
    long started = System.nanoTime();
    String error = null;
    RunContext run;
    int before = environment.history().size();
    try {
      run = prepare(scenario, task, agent, directory);
    } catch (RuntimeException e) {
      // Nothing of the agent ran yet: whatever failed here is on the harness's side, not the agent's.
      recordEnvironmentFailure(e);
      return errored(scenario, agent, seed, directory, e, environment.history().since(before));
    }
    boolean environmentFailed = false;
    try (run) {
      run.startPlatform();
      run.startAgent();
      run.armFaults();
      run.submit();
      watch(run, stop);
    } catch (AgentException e) {
      error = e.getMessage();
    } catch (EnvironmentException | AdminException e) {
      // a fake's admin API that refused or is gone is the environment's failure, whichever backend runs it
      error = e.getMessage();
      recordEnvironmentFailure(e);
      environmentFailed = true;
    }
    if (!environmentFailed) {
      // a service that died under the agent makes whatever the agent did unjudgeable: the harness failed
      try {
        environment.requireServicesRunning(directory);
      } catch (EnvironmentException e) {
        error = e.getMessage();
        recordEnvironmentFailure(e);
      }
    }
    if (error == null) {
      run.settleFaults();
    }
    HistoryFiles.write(environment.history().since(run.startIndex), directory.resolve("history.jsonl"));
    run.credentials.scan(directory, IssuedCredentials.SCANNED_FILES, run);
    History own = environment.history().since(run.startIndex);
    HistoryFiles.write(own, directory.resolve("history.jsonl"));
    long wallMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    Map<String, Long> metrics = RunMetrics.of(own, wallMillis);
    if (error == null) {
      // an event lost on its way in, or a fault the broken environment could not apply: the history cannot be trusted
      error = RunIntegrity.unjudgeable(own).orElse(null);
    }
    if (error != null) {
      return new RunResult(scenario.name(), agent.name(), seed, RunVerdict.ERROR, List.of(), error, metrics, own,
          directory, arguments(agent));
    }
    List<CheckResult> checks = Checks.runAll(scenario.checks(), own).stream().map(check ->
        check.verdict() == dev.crashtest.check.Verdict.FAIL ? agent.failureHint(check.checker())
            .map(hint -> new CheckResult(check.checker(), check.verdict(), check.message() + " [" + agent.name()
                + ": " + hint + "]", check.evidence())).orElse(check) : check).toList();
    RunVerdict verdict = RunResult.verdictOf(checks);
    java.util.Optional<String> untested = RunIntegrity.untested(own);
    if (verdict != RunVerdict.FAIL && untested.isPresent()) {
      // no vacuous verdicts: a run whose fault never came tested nothing of it; a FAIL stands, true either way
      return new RunResult(scenario.name(), agent.name(), seed, RunVerdict.ERROR, checks, untested.get(), metrics, own,
          directory, arguments(agent));
    }
    return new RunResult(scenario.name(), agent.name(), seed, verdict, checks, null, metrics, own, directory,
        arguments(agent));
  }

  private RunContext prepare(Scenario scenario, Task task, AgentSpec agent, Path directory) {
    try {
      Directories.deleteRecursively(directory);
      Files.createDirectories(directory.resolve("state"));
      environment.requireServicesRunning(directory);
      String clientId = agent.name() + "-agent";
      Path secretFile = directory.resolve("client-secret");
      String secret = environment.registerAgent(clientId);
      Files.writeString(secretFile, secret);
      // HARNESS_AGENT_PORT is picked when the agent starts, after every other listener of the run is bound
      Map<String, String> env = new LinkedHashMap<>(environment.agentEnvironment(clientId));
      env.put("HARNESS_AGENT_CLIENT_ID", clientId);
      env.put("HARNESS_AGENT_CLIENT_SECRET_FILE", secretFile.toAbsolutePath().toString());
      env.put("HARNESS_STATE_DIR", directory.resolve("state").toAbsolutePath().toString());
      // the run directory is what an agent in a container sees (mounted at the same path): its workload file goes there
      Path workloadFile = directory.resolve("workload.json");
      Files.copy(Path.of(env.get("HARNESS_WORKLOAD_FILE")), workloadFile);
      env.put("HARNESS_WORKLOAD_FILE", workloadFile.toAbsolutePath().toString());
      RunContext run = new RunContext(scenario, task, environment, agent, env, directory.resolve("agent.log"));
      run.credentials.add(IssuedCredentials.CLIENT_SECRET, secret);
      return run;
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare the run directory [" + directory + "]: " + e.getMessage(), e);
    }
  }

  /** Polls the task, approves it when it waits for approval, until it ends, is lost, or the scenario times out. */
  private static void watch(RunContext run, BooleanSupplier stop) {
    long deadline = System.nanoTime() + run.scenario.timeout().toNanos();
    String lastState = null;
    int seenIncarnation = 0;
    long unknownSince = -1;
    long withheldSince = -1;
    java.util.Optional<java.time.Duration> withheld = run.scenario.approvalWithheldFor();
    while (System.nanoTime() < deadline) {
      if (stop.getAsBoolean()) {
        return;
      }
      if (withheldSince > 0 && System.nanoTime() - withheldSince >= withheld.get().toNanos()) {
        run.record(RUNNER, APPROVAL_WITHHELD, OpType.INFO,
            Map.of(TASK_ID, run.task.taskId(), "heldMillis", withheld.get().toMillis()));
        return;
      }
      if (!run.agentDown()) {
        if (seenIncarnation != run.incarnation()) {
          seenIncarnation = run.incarnation();
          lastState = null;
        }
        boolean healingBefore = run.healing();
        AgentControl.Answer answer = run.control().status(run.task.taskId());
        if (answer.reached()) {
          String state = answer.status() == 404 ? UNKNOWN_TASK : String.valueOf(answer.field("status"));
          if (!state.equals(lastState)) {
            lastState = state;
            recordStatus(run, state, answer);
            if (state.equals(AWAITING_APPROVAL) && withheld.isEmpty()) {
              run.approveAfter(run.scenario.realApprovalDelay());
            } else if (state.equals(AWAITING_APPROVAL) && withheldSince < 0) {
              withheldSince = System.nanoTime();
            }
          }
          if (state.equals(COMPLETED) || state.equals(FAILED)) {
            return;
          }
          // the agent is polled only once ready (agent_ready, and the task resubmitted if the scenario does): the
          // grace before a task it answers 404 for counts as lost starts at its first 404 after readiness
          unknownSince = state.equals(UNKNOWN_TASK) ? (unknownSince < 0 ? System.nanoTime() : unknownSince) : -1;
          if (unknownSince > 0 && !healingBefore && !run.healing()
              && System.nanoTime() - unknownSince > TimeUnit.MILLISECONDS.toNanos(LOST_AFTER_MILLIS)) {
            return;
          }
        }
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
    }
    run.record(RUNNER, TIMED_OUT, OpType.INFO,
        Map.of(TASK_ID, run.task.taskId(), "timeoutMillis", run.scenario.timeout().toMillis()));
  }

  private static void recordStatus(RunContext run, String state, AgentControl.Answer answer) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put(TASK_ID, run.task.taskId());
    details.put(TASK_STATE, state);
    if (answer.field("error") != null) {
      details.put("error", answer.field("error"));
    }
    if (answer.field("result") != null) {
      details.put("result", answer.field("result"));
    }
    run.history.append(HARNESS, RUNNER, TASK_STATUS, OpType.INFO, details);
  }

  private void recordEnvironmentFailure(RuntimeException e) {
    environment.history().append(HARNESS, RUNNER, ENVIRONMENT_FAILED, OpType.INFO,
        Map.of("error", String.valueOf(e.getMessage())));
  }

  private RunResult errored(Scenario scenario, AgentSpec agent, long seed, Path directory, RuntimeException e,
      History own) {
    return new RunResult(scenario.name(), agent.name(), seed, RunVerdict.ERROR, List.of(), e.getMessage(),
        RunMetrics.of(own, 0), own, directory, arguments(agent));
  }
}
