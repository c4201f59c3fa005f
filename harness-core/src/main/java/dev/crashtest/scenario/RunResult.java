package dev.crashtest.scenario;

import dev.crashtest.check.CheckResult;
import dev.crashtest.check.Verdict;
import dev.crashtest.history.History;
import dev.crashtest.history.Vocabulary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one run of a scenario against an agent found.
 *
 * <pre>{@code
 * RunResult result = runner.run(scenario, agent);
 * result.verdict();       // PASS, FAIL or ERROR
 * result.violations();    // the checks that did not pass, with their messages
 * result.reproduce();     // ./crashtest run --scenario ... --agent ... --seed ...
 * }</pre>
 *
 * @param scenario the scenario's name
 * @param agent the agent's name
 * @param seed the seed the run drew every random choice from
 * @param verdict see {@link RunVerdict}
 * @param checks every check's result, passing ones included
 * @param error why the run could not be judged, for ERROR; otherwise empty
 * @param metrics counts and times from the history (model calls, CRM calls, restarts, wall time, ...)
 * @param history the run's own history
 * @param directory where the run's files (history, agent log) are
 * @param agentArguments the command-line arguments that select the agent again, e.g. {@code --agent naive} or
 *     {@code --agent-image my/agent:1.4} (see {@link dev.crashtest.agent.AgentSpec#arguments()})
 */
public record RunResult(
    String scenario,
    String agent,
    long seed,
    RunVerdict verdict,
    List<CheckResult> checks,
    String error,
    Map<String, Long> metrics,
    History history,
    Path directory,
    String agentArguments) {

  public RunResult {
    agentArguments = agentArguments == null || agentArguments.isBlank() ? "--agent " + agent : agentArguments;
    checks = List.copyOf(checks);
    // in the order the metrics were added: report.json must be the same bytes for the same runs
    metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    error = error == null ? "" : error;
  }

  /** A result whose agent is selected again by {@code --agent <agent>}. */
  public RunResult(String scenario, String agent, long seed, RunVerdict verdict, List<CheckResult> checks,
      String error, Map<String, Long> metrics, History history, Path directory) {
    this(scenario, agent, seed, verdict, checks, error, metrics, history, directory, null);
  }

  /** The checks that did not pass. */
  public List<CheckResult> violations() {
    return checks.stream().filter(check -> check.verdict() != Verdict.PASS).toList();
  }

  /**
   * Whether this ERROR is the harness's: a service, proxy hop or the run directory failed, not the agent (the
   * history holds {@code environment_failed}). Such a run says nothing about the agent.
   */
  public boolean causedByEnvironment() {
    return verdict == RunVerdict.ERROR && history.ops().stream()
        .anyMatch(op -> op.is(Vocabulary.HARNESS, Vocabulary.ENVIRONMENT_FAILED));
  }

  /** The command that runs exactly this again; a name with brackets is quoted for the shell. */
  public String reproduce() {
    String name = scenario.matches("[A-Za-z0-9._-]+") ? scenario : "'" + scenario + "'";
    return "./crashtest run --scenario " + name + " " + agentArguments + " --seed " + seed;
  }

  static RunVerdict verdictOf(List<CheckResult> checks) {
    if (checks.stream().anyMatch(check -> check.verdict() == Verdict.FAIL)) {
      return RunVerdict.FAIL;
    }
    return checks.stream().anyMatch(check -> check.verdict() == Verdict.UNKNOWN) ? RunVerdict.ERROR : RunVerdict.PASS;
  }
}
