package dev.crashtest.scenarios;

import dev.crashtest.catalogue.Catalogue;
import dev.crashtest.reports.Comparison;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.Scenario;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Turns a campaign's runs into its exit code: {@code 1} when the {@link FailPolicy} finds a scenario × agent that
 * fails it or a cell got worse since the {@link Baseline}; otherwise {@code 3} when the environment broke a run
 * (nothing was proved against the agent, but not everything could be tried: retry); otherwise {@code 0}. A failure
 * the runs proved outranks a broken environment, which a retry would not fix.
 *
 * <pre>{@code
 * Gate.Decision decision = new Gate(FailPolicy.standard(), Optional.empty()).decide(results, 1, false);
 * decision.print(System.out);
 * return decision.exitCode();
 * }</pre>
 */
final class Gate {
  private final FailPolicy policy;
  private final Optional<Baseline> baseline;
  private final Predicate<String> experimental;
  private final FailPolicy.Expectations expected;

  /** A gate that knows the built-in scenarios: which are experimental, which verdicts they pin. */
  Gate(FailPolicy policy, Optional<Baseline> baseline) {
    this(policy, baseline, name -> Catalogue.named(name).map(Scenario::isExperimental).orElse(false),
        FailPolicy.Expectations.of(Catalogue::named));
  }

  /** A gate that asks {@code experimental} whether a scenario (by name) is experimental; no scenario pins a verdict. */
  Gate(FailPolicy policy, Optional<Baseline> baseline, Predicate<String> experimental) {
    this(policy, baseline, experimental, FailPolicy.Expectations.none());
  }

  private Gate(FailPolicy policy, Optional<Baseline> baseline, Predicate<String> experimental,
      FailPolicy.Expectations expected) {
    this.policy = policy;
    this.baseline = baseline;
    this.experimental = experimental;
    this.expected = expected;
  }

  /**
   * The same gate knowing {@code scenarios} too (those read from files): whether each is experimental and the
   * verdicts it pins ({@code expect: {naive: FAIL}}) come from them, ahead of what the gate knew.
   */
  Gate knowing(List<Scenario> scenarios) {
    Map<String, Scenario> byName = new LinkedHashMap<>();
    scenarios.forEach(scenario -> byName.put(scenario.name(), scenario));
    FailPolicy.Expectations known = FailPolicy.Expectations.of(name -> Optional.ofNullable(byName.get(name)));
    return new Gate(policy, baseline, name -> byName.containsKey(name) ? byName.get(name).isExperimental()
        : experimental.test(name), (scenario, agent) -> byName.containsKey(scenario) ? known.of(scenario, agent)
        : expected.of(scenario, agent));
  }

  /** The default: {@code --fail-on fail}, no baseline. */
  static Gate standard() {
    return new Gate(FailPolicy.standard(), Optional.empty());
  }

  /**
   * What {@code runs} mean for the exit code.
   *
   * @param environmentFailed whether an environment could not start at all (a run is then missing, not an ERROR)
   */
  Decision decide(List<RunResult> runs, int repeat, boolean environmentFailed) {
    List<FailPolicy.Finding> findings = policy.judge(runs, repeat, experimental, expected);
    List<RunResult> judged = runs.stream().filter(run -> !run.causedByEnvironment()).toList();
    Optional<Baseline.Diff> diff = baseline.map(base -> base.diff(Comparison.of(judged, repeat)));
    List<String> broken = runs.stream().filter(RunResult::causedByEnvironment)
        .map(run -> run.scenario() + " × " + run.agent() + ": " + run.error()).toList();
    boolean failing = findings.stream().anyMatch(FailPolicy.Finding::gating)
        || diff.map(d -> !d.regressions().isEmpty()).orElse(false);
    int exit = failing ? CrashtestCli.EXIT_FAIL
        : environmentFailed || !broken.isEmpty() ? CrashtestCli.EXIT_ENVIRONMENT : CrashtestCli.EXIT_PASS;
    return new Decision(exit, policy, findings, diff, broken, environmentFailed);
  }

  /**
   * The exit code and why.
   *
   * @param broken the runs the environment broke, as {@code scenario × agent: error}
   */
  record Decision(int exitCode, FailPolicy policy, List<FailPolicy.Finding> findings, Optional<Baseline.Diff> diff,
      List<String> broken, boolean environmentFailed) {

    /** The report.json sections this decision adds: {@code baseline}, when there is one. */
    Map<String, Object> sections() {
      Map<String, Object> sections = new LinkedHashMap<>();
      diff.ifPresent(d -> sections.put("baseline", d.toJson()));
      return sections;
    }

    /** The "Since baseline" section, then the exit code with the reasons, last, where a CI log ends. */
    void print(PrintStream console) {
      diff.ifPresent(d -> d.print(console));
      List<String> gating = new ArrayList<>();
      List<String> reported = new ArrayList<>();
      findings.forEach(finding -> (finding.gating() ? gating : reported).add(finding.toString()));
      diff.ifPresent(d -> d.regressions().forEach(change -> gating.add(change + " (worse since the baseline)")));
      console.printf("%nExit %d (%s): %s%n", exitCode, policy, summary(gating.size()));
      gating.forEach(line -> console.println("  fails the run: " + line));
      broken.forEach(line -> console.println("  environment:   " + line));
      reported.forEach(line -> console.println("  reported only: " + line));
    }

    private String summary(int gating) {
      return switch (exitCode) {
        case CrashtestCli.EXIT_FAIL -> gating + " scenario × agent result(s) fail the run";
        case CrashtestCli.EXIT_ENVIRONMENT -> "the environment broke " + (broken.isEmpty() ? "before a run could start"
            : broken.size() + " run(s)") + "; nothing here says the agent failed: retry, and see the errors";
        default -> "nothing fails the run";
      };
    }
  }
}
