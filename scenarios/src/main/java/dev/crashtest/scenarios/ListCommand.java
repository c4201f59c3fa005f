package dev.crashtest.scenarios;

import dev.crashtest.scenario.Fault;
import dev.crashtest.scenario.Scenario;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code crashtest list}: the scenarios and agents this build knows. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the scenarios and agents.")
final class ListCommand implements Runnable {

  @Override
  public void run() {
    System.out.println("Scenarios:");
    for (Scenario scenario : Catalogue.all()) {
      String faults = scenario.faults().stream().map(Fault::describe).collect(Collectors.joining("; "));
      System.out.printf("  %-38s %s%n", scenario.name(), scenario.description());
      if (!faults.isEmpty()) {
        System.out.printf("  %-38s fault: %s%n", "", faults);
      }
    }
    System.out.println("Agents: " + String.join(", ", Agents.names()));
  }
}
