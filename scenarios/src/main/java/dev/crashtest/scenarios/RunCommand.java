package dev.crashtest.scenarios;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crashtest run}: runs scenarios against agents, prints verdicts, writes the report. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Runs scenarios against agents (processes, or containers with --backend containers) and judges"
        + " every run.")
final class RunCommand extends CampaignCommand {

  @Option(names = "--agent", split = ",", paramLabel = "NAME",
      description = "Agents to test, comma-separated (default: naive; see 'crashtest list'). With more than one,"
          + " a comparison matrix follows the verdicts.")
  List<String> agents;

  @Override
  List<String> agentNames() {
    return agents == null ? List.of("naive") : agents;
  }

  @Override
  List<String> explicitAgentNames() {
    return agents == null ? List.of() : agents;
  }

  @Override
  boolean compare() {
    return false;
  }
}
