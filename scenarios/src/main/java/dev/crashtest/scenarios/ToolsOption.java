package dev.crashtest.scenarios;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --tools rest|mcp}, shared by {@code run}, {@code compare} and {@code explore}: how agents reach their tools. */
final class ToolsOption {
  @Option(names = "--tools", paramLabel = "HOW", defaultValue = "rest",
      description = "How agents reach their tools: 'rest' (default: each service's HTTP API) or 'mcp' (an MCP server"
          + " serving the workload's tools, HARNESS_MCP_URL; docs/agent-contract.md section 3.4); both backends.")
  String tools;

  /** Whether tools go over MCP; a usage error (exit 2) for anything but rest or mcp. */
  boolean overMcp(CommandLine commandLine) {
    return switch (tools) {
      case "rest" -> false;
      case "mcp" -> true;
      default -> throw new CommandLine.ParameterException(commandLine, "--tools takes rest or mcp, got [" + tools
          + "]; for example: --tools mcp");
    };
  }
}
