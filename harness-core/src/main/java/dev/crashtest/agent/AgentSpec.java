package dev.crashtest.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
  private final PlatformSpec platform;

  private AgentSpec(String name, List<String> command) {
    this(name, command, null);
  }

  private AgentSpec(String name, List<String> command, PlatformSpec platform) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an agent needs a name, e.g. AgentSpec.command(\"my-agent\", List.of(...))");
    }
    if (command == null || command.isEmpty()) {
      throw new IllegalArgumentException("agent [" + name + "] needs a command to start it");
    }
    this.name = name;
    this.command = List.copyOf(command);
    this.platform = platform;
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
    return new AgentSpec(name, JavaCommand.of(System.getProperty("java.class.path"), mainClass, List.of(args)));
  }

  /** An agent whose main class is on {@code classpath} (not this JVM's), in a JVM of its own. */
  public static AgentSpec javaMain(String name, List<Path> classpath, String mainClass, String... args) {
    return new AgentSpec(name, JavaCommand.of(classpath, mainClass, List.of(args)));
  }

  /** The same agent, run on a durable-execution platform the harness starts, kills and restarts. */
  public AgentSpec withPlatform(PlatformSpec platform) {
    return new AgentSpec(name, command, Objects.requireNonNull(platform, "platform"));
  }

  /** The platform the agent runs on, if any. */
  public Optional<PlatformSpec> platform() {
    return Optional.ofNullable(platform);
  }

  public String name() {
    return name;
  }

  public List<String> command() {
    return command;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AgentSpec that && name.equals(that.name) && command.equals(that.command)
        && Objects.equals(platform, that.platform);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, command, platform);
  }

  @Override
  public String toString() {
    return "agent [" + name + "]";
  }
}
