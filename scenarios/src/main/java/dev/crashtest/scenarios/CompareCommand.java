package dev.crashtest.scenarios;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crashtest compare}: the standard scenarios against every agent, and the comparison matrix. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Runs the standard scenarios against every known agent (or --agent ...) and prints the scenario"
        + " × agent matrix with pass^k, recovery time, duplicates and redone steps.")
final class CompareCommand extends CampaignCommand {

  @Option(names = "--agent", split = ",", paramLabel = "NAME",
      description = "Agents to compare, comma-separated (default: every agent 'crashtest list' shows).")
  List<String> agents;

  @Override
  List<String> agentNames() {
    return agents == null || agents.isEmpty() ? Agents.names() : agents;
  }

  @Override
  boolean compare() {
    return true;
  }
}
