package dev.crashtest.scenarios;

import dev.crashtest.agent.AgentSpec;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Where agents run: {@code embedded} as processes on this machine, {@code containers} each as a container (an agent
 * with an image always runs as one). Scenarios, faults, checks and reports are the same on both.
 */
enum Backend {
  EMBEDDED,
  CONTAINERS;

  static Backend parse(String value, CommandLine commandLine) {
    for (Backend backend : values()) {
      if (backend.name().toLowerCase(Locale.ROOT).equals(value == null ? "" : value.trim())) {
        return backend;
      }
    }
    throw new CommandLine.ParameterException(commandLine,
        "unknown backend [" + value + "]; use --backend embedded or --backend containers");
  }

  /** The agents as this backend runs them; building images (locally, no registry) for the container backend. */
  List<AgentSpec> place(List<AgentSpec> agents) {
    return this == CONTAINERS ? agents.stream().map(AgentSpec::inContainer).toList() : agents;
  }
}
