package dev.crashtest.scenarios;

import dev.crashtest.catalogue.Catalogue;
import dev.crashtest.scenario.CrashPointSweep;
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
      System.out.printf("  %-38s %s%s%n", scenario.name(), scenario.isExperimental() ? "[experimental] " : "",
          scenario.description());
      if (!faults.isEmpty()) {
        System.out.printf("  %-38s fault: %s%n", "", faults);
      }
    }
    System.out.printf("  %-38s %s%n", CrashPointSweep.NAME, "Runs the task cleanly, finds every model and CRM call in its"
        + " history, then runs it once per call (at most " + CrashPointSweep.MAX_POINTS + "), kill -9 right after the"
        + " service answered and before the agent heard; restart after 200 ms.");
    System.out.println("Agents: " + String.join(", ", Agents.names()));
  }
}
