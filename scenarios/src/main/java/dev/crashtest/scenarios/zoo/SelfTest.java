package dev.crashtest.scenarios.zoo;

import dev.crashtest.agent.AgentSpec;
import dev.crashtest.check.CheckResult;
import dev.crashtest.check.Verdict;
import dev.crashtest.env.Environment;
import dev.crashtest.env.Service;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.NetworkFault;
import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenario.ScenarioRunner;
import dev.crashtest.scenario.ServiceFault;
import dev.crashtest.scenarios.zoo.Bug.Catch;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs every bug of the zoo against the scenarios that must catch it, and the unpatched reference agent against the
 * same scenarios: the harness's own mutation score. A bug is caught when the named checker fails with the expected
 * message (or the run is the expected ERROR); the control must pass every scenario, or it is a false alarm.
 *
 * <pre>{@code
 * SelfTest.Result result = SelfTest.of(BugZoo.all(), dev.crashtest.catalogue.Catalogue::named).run(42L, Path.of("out"), System.out);
 * assertThat(result.perfect()).isTrue();
 * }</pre>
 */
public final class SelfTest {
  private final List<Bug> bugs;
  private final Function<String, Optional<Scenario>> scenarios;

  private SelfTest(List<Bug> bugs, Function<String, Optional<Scenario>> scenarios) {
    this.bugs = List.copyOf(bugs);
    this.scenarios = scenarios;
  }

  /** A self-test of {@code bugs}, finding each scenario they name with {@code scenarios}. */
  public static SelfTest of(List<Bug> bugs, Function<String, Optional<Scenario>> scenarios) {
    SelfTest test = new SelfTest(bugs, scenarios);
    test.bugs.forEach(bug -> bug.catches().forEach(expected -> test.scenario(expected.scenario())));
    return test;
  }

  /** One expectation's outcome: a bug caught (or missed), or the control passing (or raising a false alarm). */
  public record Row(String bug, String caughtBy, String scenario, boolean ok, String observed, RunResult run) {}

  /** Every row, and the score. */
  public record Result(long seed, List<Row> catches, List<Row> controls) {
    public long caught() {
      return catches.stream().filter(Row::ok).count();
    }

    public long falseAlarms() {
      return controls.stream().filter(row -> !row.ok()).count();
    }

    /** Every bug caught where it must be, and the reference agent passed every scenario. */
    public boolean perfect() {
      return caught() == catches.size() && falseAlarms() == 0;
    }
  }

  /** Runs the control, then every bug, each on a fresh embedded environment; files go under {@code out}. */
  public Result run(long seed, Path out, PrintStream console) {
    Set<String> names = new LinkedHashSet<>();
    bugs.forEach(bug -> bug.catches().forEach(expected -> names.add(expected.scenario())));
    int total = names.size() + bugs.stream().mapToInt(bug -> bug.catches().size()).sum();
    int[] done = {0};
    List<Row> controls = new ArrayList<>();
    for (String name : names) {
      RunResult run = runOnce(scenario(name), BugZoo.reference(out.resolve("agents").resolve(BugZoo.REFERENCE)),
          seed, out.resolve(BugZoo.REFERENCE));
      boolean passed = run.verdict() == RunVerdict.PASS;
      controls.add(new Row(BugZoo.REFERENCE, "-", name, passed, passed ? "PASS" : observed(run), run));
      console.printf("[%d/%d] %s × %s: %s%n", ++done[0], total, BugZoo.REFERENCE, name,
          passed ? "PASS" : "FALSE ALARM: " + observed(run));
    }
    List<Row> catches = new ArrayList<>();
    for (Bug bug : bugs) {
      AgentSpec agent = BugZoo.agent(bug, out.resolve("agents").resolve(bug.name()));
      for (Catch expected : bug.catches()) {
        RunResult run = runOnce(scenario(expected.scenario()), agent, seed, out.resolve(bug.name()));
        boolean caught = caught(run, expected);
        catches.add(new Row(bug.name(), expected.caughtBy(), expected.scenario(), caught,
            caught ? "caught" + alsoFailed(run, expected) : "MISSED: " + observed(run), run));
        console.printf("[%d/%d] %s × %s: %s%n", ++done[0], total, bug.name(), expected.scenario(),
            caught ? "caught by " + expected.caughtBy() : "MISSED, expected " + expected.caughtBy() + " to fail with"
                + " [" + expected.message() + "]; got " + observed(run));
      }
    }
    return new Result(seed, catches, controls);
  }

  /** Whether {@code run} is the failure {@code expected} describes. */
  static boolean caught(RunResult run, Catch expected) {
    if (expected.caughtBy().equals(Catch.RUN_ERROR)) {
      return run.verdict() == RunVerdict.ERROR && run.error() != null && run.error().contains(expected.message());
    }
    return run.checks().stream().anyMatch(check -> check.checker().equals(expected.caughtBy())
        && check.verdict() == Verdict.FAIL && check.message().contains(expected.message()));
  }

  /** The other checks that failed in a caught run: " (also: a, b)", or nothing when only the expected one did. */
  static String alsoFailed(RunResult run, Catch expected) {
    List<String> others = run.checks().stream().filter(check -> check.verdict() != Verdict.PASS)
        .map(CheckResult::checker).filter(name -> !name.equals(expected.caughtBy())).toList();
    return others.isEmpty() ? "" : " (also: " + String.join(", ", others) + ")";
  }

  /** What a run showed, in one line: its verdict and what failed. */
  static String observed(RunResult run) {
    if (run.verdict() == RunVerdict.ERROR) {
      return "ERROR: " + String.valueOf(run.error());
    }
    List<String> failed = run.checks().stream().filter(check -> check.verdict() != Verdict.PASS)
        .map(CheckResult::checker).toList();
    return failed.isEmpty() ? run.verdict().toString() : run.verdict() + " (" + String.join(", ", failed) + ")";
  }

  private Scenario scenario(String name) {
    return scenarios.apply(name).orElseThrow(() -> new IllegalArgumentException("the bug zoo names scenario ["
        + name + "], which the catalogue does not have; see ./crashtest list"));
  }

  /**
   * Whether {@code scenario} acts on the MCP server (a fault of the server, or of its hop alone): it runs with tools
   * over MCP, for the bug and the control alike; elsewhere it would be SKIPPED, and a skipped run proves nothing.
   */
  static boolean overMcp(Scenario scenario) {
    return scenario.faults().stream().anyMatch(fault -> fault instanceof ServiceFault service
        && service.service() == Service.MCP || fault instanceof NetworkFault network
        && network.services().equals(List.of(Service.MCP)));
  }

  private static RunResult runOnce(Scenario scenario, AgentSpec agent, long seed, Path directory) {
    Environment.Builder options = Environment.embedded().withSeed(seed);
    if (overMcp(scenario)) {
      options.withToolsOverMcp();
    }
    try (Environment environment = options.start()) {
      return ScenarioRunner.on(environment).writingTo(directory).run(scenario, agent, seed);
    }
  }
}
