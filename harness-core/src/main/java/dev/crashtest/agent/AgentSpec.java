package dev.crashtest.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to start an agent: a name for reports and the command that runs it under the agent contract
 * ({@code docs/agent-contract.md}).
 *
 * <pre>{@code
 * AgentSpec python = AgentSpec.command("python", List.of("python3", "my_agent.py"));
 * AgentSpec naive = AgentSpec.javaMain("naive", "dev.crashtest.agents.ProcurementAgentMain", "--runtime", "naive");
 * }</pre>
 */
public final class AgentSpec {
  private final String name;
  private final List<String> command;

  private AgentSpec(String name, List<String> command) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an agent needs a name, e.g. AgentSpec.command(\"my-agent\", List.of(...))");
    }
    if (command == null || command.isEmpty()) {
      throw new IllegalArgumentException("agent [" + name + "] needs a command to start it");
    }
    this.name = name;
    this.command = List.copyOf(command);
  }

  /** An agent started by any command: a script, a binary, another language's runtime. */
  public static AgentSpec command(String name, List<String> command) {
    return new AgentSpec(name, command);
  }

  /**
   * An agent whose main class is on this JVM's class path, started in a JVM of its own (the same Java),
   * tuned to start fast.
   */
  public static AgentSpec javaMain(String name, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx256m"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(List.of(args));
    return new AgentSpec(name, command);
  }

  public String name() {
    return name;
  }

  public List<String> command() {
    return command;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AgentSpec that && name.equals(that.name) && command.equals(that.command);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, command);
  }

  @Override
  public String toString() {
    return "agent [" + name + "]";
  }
}
