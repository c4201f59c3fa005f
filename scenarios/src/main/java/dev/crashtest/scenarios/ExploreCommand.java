package dev.crashtest.scenarios;

import dev.crashtest.agent.AgentException;
import dev.crashtest.agent.AgentSpec;
import dev.crashtest.env.EnvironmentException;
import dev.crashtest.explore.Boundaries;
import dev.crashtest.explore.ExplorationListener;
import dev.crashtest.explore.ExplorationResult;
import dev.crashtest.explore.Exploration;
import dev.crashtest.explore.Finding;
import dev.crashtest.reports.ExplorationSection;
import dev.crashtest.reports.HtmlReport;
import dev.crashtest.reports.JsonReport;
import dev.crashtest.reports.JunitReport;
import dev.crashtest.reports.Report;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.workload.Workload;
import dev.crashtest.workload.WorkloadException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crashtest explore}: seeded random fault schedules against one agent, each failure shrunk to a minimal
 * reproducer written as a scenario file.
 */
@Command(name = "explore", mixinStandardHelpOptions = true,
    description = "Runs random fault schedules drawn from --seed against one agent; shrinks each failure to a minimal"
        + " scenario file under OUT/found/.")
final class ExploreCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--agent", paramLabel = "NAME", description = "The agent to explore (default: naive).")
  String agent;

  @Option(names = "--agent-cmd", paramLabel = "COMMAND",
      description = "Explore your agent, started by this command line (docs/agent-contract.md).")
  String agentCommand;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of every schedule (default: a new one, printed).")
  Long seed;

  @Option(names = "--runs", paramLabel = "N", defaultValue = "30", description = "Random schedules to run (default: 30).")
  int runs;

  @Option(names = "--time-budget", paramLabel = "DURATION", defaultValue = "10m",
      description = "Draw no new run after this long, e.g. 90s, 10m (default: 10m).")
  String timeBudget;

  @Option(names = "--max-faults", paramLabel = "K", defaultValue = "3",
      description = "At most K faults in one schedule (default: 3).")
  int maxFaults;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "explore-out",
      description = "Where report.json, the runs and found/*.yaml go (default: explore-out).")
  Path out;

  @Option(names = "--fail-on", paramLabel = "POLICY", defaultValue = "fail",
      description = "'fail' (default): exit 1 when a failure is found; 'none': report only.")
  String failOn;

  @CommandLine.Mixin WorkloadOption workloadOption = new WorkloadOption();

  @CommandLine.Mixin JobsOption jobsOption = new JobsOption();

  @CommandLine.Mixin ToolsOption toolsOption = new ToolsOption();

  @Override
  public Integer call() {
    if (runs < 1 || runs > 1000) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--runs takes 1 to 1000 runs, got [" + runs
          + "]; for example: --runs 30");
    }
    if (!failOn.equals("fail") && !failOn.equals("none")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--fail-on takes fail or none for explore, got ["
          + failOn + "]");
    }
    Duration budget = budget();
    int jobs = jobsOption.jobs(spec.commandLine());
    boolean overMcp = toolsOption.overMcp(spec.commandLine());
    Workload workload;
    try {
      workload = workloadOption.resolve(spec.commandLine());
    } catch (WorkloadException e) {
      return WorkloadOption.rejected(e, spec.commandLine());
    }
    AgentSpec explored;
    try {
      explored = agentCommand != null ? UserAgents.fromCommand(agentCommand, spec.commandLine())
          : Agents.named(agent == null ? "naive" : agent).orElseThrow(() -> new CommandLine.ParameterException(
              spec.commandLine(), "unknown agent [" + agent + "]; known agents: " + String.join(", ", Agents.names())
                  + dev.crashtest.internal.DidYouMean.hint(agent, Agents.names())));
    } catch (AgentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    try {
      OutDirectory.require(out);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    long explorationSeed = seed != null ? seed : new SecureRandom().nextLong() & Long.MAX_VALUE;
    Interruption interruption = Interruption.onSigint(System.out);
    System.out.printf("Exploring %s on %s: %d runs of up to %d faults, seed %d, budget %s%s%n", explored.name(),
        workload.name(), runs, maxFaults, explorationSeed, timeBudget, jobs == 1 ? "" : ", " + jobs + " at a time");
    ExplorationResult result;
    try {
      result = Exploration.of(explored).withWorkload(workload).withSeed(explorationSeed).withRuns(runs)
          .withMaxFaults(maxFaults).withTimeBudget(budget).withJobs(jobs).withToolsOverMcp(overMcp).writingTo(out).withListener(progress())
          .stoppedBy(interruption::requested).run();
    } catch (EnvironmentException e) {
      System.err.println("crashtest: " + e.getMessage());
      return CrashtestCli.EXIT_ENVIRONMENT;
    }
    print(result);
    writeReports(result);
    if (interruption.requested()) {
      return Interruption.EXIT_INTERRUPTED;
    }
    boolean failed = !result.findings().isEmpty() || result.nothingExplored(); // a clean run that fails fails
    return failed && failOn.equals("fail") ? CrashtestCli.EXIT_FAIL : CrashtestCli.EXIT_PASS;
  }

  private Duration budget() {
    return dev.crashtest.scenariofile.ScenarioFile.parseDuration(timeBudget).orElseThrow(() ->
        new CommandLine.ParameterException(spec.commandLine(), "--time-budget [" + timeBudget + "] is not a duration;"
            + " write a whole number and a unit, e.g. 90s or 10m"));
  }

  private static ExplorationListener progress() {
    return new ExplorationListener() {
      @Override
      public void cleanRun(RunResult clean, Boundaries boundaries) {
        System.out.printf("clean run: %s, %s%n", clean.verdict(), boundaries);
      }

      @Override
      public void runFinished(int run, int runs, RunResult result, int findings, long millisLeft) {
        int width = 20;
        int done = (int) Math.round(width * run / (double) runs);
        System.out.printf("[%s%s] run %d/%d %s · %d failure(s) found · %d s left%n", "#".repeat(done),
            ".".repeat(width - done), run, runs, result.verdict(), findings, millisLeft / 1000);
      }

      @Override
      public void shrinking(String checker, String step) {
        System.out.printf("      shrinking [%s]: %s%n", checker, step);
      }

      @Override
      public void found(Finding finding) {
        System.out.printf("      found [%s]: %s%n      written: %s%n", finding.checker(),
            finding.minimal().description(), finding.file());
      }
    };
  }

  private static void print(ExplorationResult result) {
    System.out.println();
    System.out.printf("Explored %s: %d run(s) in %d s (%d more shrinking), seed %d%s%n", result.agent(),
        result.runs().size(), result.elapsed().toSeconds(), result.shrinkRuns(), result.seed(),
        result.stoppedEarly().isEmpty() ? "" : "; stopped: " + result.stoppedEarly());
    System.out.println("Faults tried: " + result.faultsTried());
    if (result.findings().isEmpty()) {
      System.out.println("No failure found.");
    }
    for (Finding finding : result.findings()) {
      System.out.printf("%nFound [%s] in run %d: %s%n", finding.checker(), finding.foundInRun(),
          finding.minimal().description());
      finding.shrinkSteps().forEach(step -> System.out.println("  shrink: " + step));
      System.out.println("  reproduce: " + finding.reproduce());
    }
  }

  private void writeReports(ExplorationResult result) {
    // the agent as the runs selected it (--agent-cmd quoted); an exploration stopped before its first run has none
    String agentArguments = result.runs().stream().findFirst().map(RunResult::agentArguments)
        .orElse("--agent " + result.agent());
    String workloadArguments = workloadOption.arguments();
    String command = "./crashtest explore" + (workloadArguments.isEmpty() ? "" : " " + workloadArguments) + " "
        + agentArguments + " --seed " + result.seed() + " --runs " + runs + " --max-faults " + maxFaults
        + " --time-budget " + timeBudget;
    Report model = ExplorationSection.report(result, out, command);
    Path json = JsonReport.write(model);
    Path junit = JunitReport.write(model);
    Path html = HtmlReport.write(model);
    System.out.printf("%nReport: %s%nJUnit:  %s%nHTML:   %s%n", json, junit, html);
  }
}
