package dev.crashtest.scenarios;

import dev.crashtest.catalogue.Catalogue;
import dev.crashtest.scenario.CrashPointSweep;
import dev.crashtest.scenario.Fault;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenariofile.ScenarioFile;
import dev.crashtest.scenariofile.ScenarioFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crashtest list}: the scenarios (built-in, and those of {@code --scenario-file}) and agents. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the scenarios and agents.")
final class ListCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--scenario-file", paramLabel = "PATH",
      description = "Also list the scenario of this YAML file, marked with its file; a directory means every *.yaml"
          + " in it. Repeatable.")
  List<Path> scenarioFiles = new ArrayList<>();

  @Override
  public Integer call() {
    List<ScenarioFile> files;
    try {
      files = ScenarioSelection.read(scenarioFiles);
    } catch (ScenarioFileException e) {
      return ScenarioSelection.rejected(e, spec.commandLine());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    System.out.println("Scenarios:");
    for (Scenario scenario : Catalogue.all()) {
      print(scenario, "");
    }
    System.out.printf("  %-38s %s%n", CrashPointSweep.NAME, "Runs the task cleanly, finds every model and CRM call in its"
        + " history, then runs it once per call (at most " + CrashPointSweep.MAX_POINTS + "), kill -9 right after the"
        + " service answered and before the agent heard; restart after 200 ms.");
    for (ScenarioFile file : files) {
      print(file.scenario(), "[" + file.path() + "] ");
    }
    System.out.println("Agents: " + String.join(", ", Agents.names()));
    return CrashtestCli.EXIT_PASS;
  }

  /** One scenario: name, marks and description; then its faults and the verdicts it pins, when it has any. */
  private static void print(Scenario scenario, String file) {
    String faults = scenario.faults().stream().map(Fault::describe).collect(Collectors.joining("; "));
    System.out.printf("  %-38s %s%s%s%n", scenario.name(), file,
        scenario.isExperimental() ? "[experimental] " : "", scenario.description());
    if (!faults.isEmpty()) {
      System.out.printf("  %-38s fault: %s%n", "", faults);
    }
    if (!scenario.expectations().isEmpty()) {
      System.out.printf("  %-38s expect: %s%n", "", scenario.expectations().entrySet().stream()
          .map(pin -> pin.getKey() + " " + pin.getValue()).collect(Collectors.joining(", ")));
    }
  }
}
