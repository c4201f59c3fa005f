package dev.crashtest.scenarios;

import dev.crashtest.agent.AgentSpec;
import dev.crashtest.env.Environment;
import dev.crashtest.env.EnvironmentException;
import dev.crashtest.reports.JsonReport;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenario.ScenarioRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crashtest run}: runs scenarios against agents, prints verdicts, writes the report. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Runs scenarios against agents on the embedded environment and judges every run.")
final class RunCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--agent", split = ",", paramLabel = "NAME",
      description = "Agents to test, comma-separated (default: naive). Known: naive, python.")
  List<String> agents = List.of("naive");

  @Option(names = "--scenario", split = ",", paramLabel = "NAME",
      description = "Scenarios to run, comma-separated (default: all; see 'crashtest list').")
  List<String> scenarios;

  @Option(names = "--seed", paramLabel = "N", description = "Seed for every random choice (default: a new one, printed).")
  Long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "Where report.json and each run's files go (default: crashtest-out).")
  Path out = Path.of("crashtest-out");

  @Override
  public Integer call() {
    List<AgentSpec> agentSpecs = resolveAgents();
    List<Scenario> selected = resolveScenarios();
    long campaignSeed = seed != null ? seed : new SecureRandom().nextLong() & Long.MAX_VALUE;
    PrintStream console = System.out;
    int total = agentSpecs.size() * selected.size();
    console.printf("Crashtest: %d run(s), seed %d, output %s%n%n", total, campaignSeed, out.toAbsolutePath());
    List<RunResult> results = new ArrayList<>();
    boolean environmentFailed = false;
    int index = 0;
    for (AgentSpec agent : agentSpecs) {
      for (Scenario scenario : selected) {
        index++;
        console.printf("[%d/%d] %s × %s: %s%n", index, total, scenario.name(), agent.name(), scenario.description());
        try (Environment environment = Environment.embedded().withSeed(campaignSeed).start()) {
          environment.history().subscribe(new ProgressPrinter(console));
          RunResult result = ScenarioRunner.on(environment).writingTo(out).run(scenario, agent, campaignSeed);
          results.add(result);
          console.printf("      → %s in %.1f s%n%n", result.verdict(), result.metrics().get("wallTimeMillis") / 1000.0);
        } catch (EnvironmentException e) {
          environmentFailed = true;
          console.printf("      → the environment could not start: %s%n%n", e.getMessage());
        }
      }
    }
    VerdictTable.print(results, console);
    Path report = JsonReport.write(campaignSeed, results, out);
    console.printf("%nReport: %s%n", report.toAbsolutePath());
    if (environmentFailed) {
      return CrashtestCli.EXIT_ENVIRONMENT;
    }
    return results.stream().allMatch(r -> r.verdict() == RunVerdict.PASS) ? CrashtestCli.EXIT_PASS : CrashtestCli.EXIT_FAIL;
  }

  private List<AgentSpec> resolveAgents() {
    List<AgentSpec> specs = new ArrayList<>();
    for (String name : agents) {
      try {
        specs.add(Agents.named(name.trim()).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
            "unknown agent [" + name + "]; known agents: " + String.join(", ", Agents.names()))));
      } catch (IllegalStateException notBuilt) {
        throw new CommandLine.ParameterException(spec.commandLine(), notBuilt.getMessage());
      }
    }
    return specs;
  }

  private List<Scenario> resolveScenarios() {
    if (scenarios == null || scenarios.isEmpty()) {
      return Catalogue.all();
    }
    List<Scenario> selected = new ArrayList<>();
    for (String name : scenarios) {
      selected.add(Catalogue.named(name.trim()).orElseThrow(() -> new CommandLine.ParameterException(
          spec.commandLine(),
          "unknown scenario [" + name + "]; known scenarios: " + String.join(", ", Catalogue.names()))));
    }
    return selected;
  }
}
