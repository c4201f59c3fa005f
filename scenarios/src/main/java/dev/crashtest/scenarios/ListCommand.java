package dev.crashtest.scenarios;

import dev.crashtest.workload.Tool;
import dev.crashtest.workload.Workload;
import dev.crashtest.workload.WorkloadException;

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

  @CommandLine.Mixin WorkloadOption workloadOption = new WorkloadOption();

  @Override
  public Integer call() {
    List<ScenarioFile> files;
    Workload workload;
    try {
      workload = workloadOption.resolve(spec.commandLine());
    } catch (WorkloadException e) {
      return WorkloadOption.rejected(e, spec.commandLine());
    }
    if (workloadOption.workload != null) {
      printWorkload(workload);
    }
    try {
      files = ScenarioSelection.read(scenarioFiles, workload);
    } catch (ScenarioFileException e) {
      return ScenarioSelection.rejected(e, spec.commandLine());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    System.out.println("Scenarios:");
    for (Scenario scenario : Catalogue.all()) {
      print(scenario, scenario.notApplicableTo(workload).map(why -> "[does not apply to " + workload.name() + "] ")
          .orElse(""));
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

  /** The workload's goal, services, and each tool with its call, scope and effect. */
  private static void printWorkload(Workload workload) {
    System.out.println("Workload: " + workload.name() + ": " + workload.description());
    System.out.println("  goal: " + workload.goalTemplate());
    System.out.println("  services: " + workload.services().values().stream().map(service -> service.name() + " ("
        + service.builtIn().map(b -> "built-in " + b).orElse("stubs") + ")").collect(Collectors.joining(", ")));
    System.out.println("Tools:");
    for (Tool tool : workload.tools()) {
      String call = tool.gate() ? "the approval gate: no call" : tool.service() + " " + tool.method() + " "
          + tool.path() + (tool.scope() == null ? "" : ", scope " + tool.scope());
      System.out.printf("  %-22s %s%n", tool.name(), call);
      tool.effect().ifPresent(effect -> System.out.printf("  %-22s effect: %s (id %s, once per %s)%s%n", "",
          effect.type(), effect.idField(), effect.keyField(), effect.alwaysNeedsApproval() ? ", needs approval"
              : effect.approvalField().map(f -> ", needs approval when " + f + " > " + effect.approvalAbove())
                  .orElse("")));
    }
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
