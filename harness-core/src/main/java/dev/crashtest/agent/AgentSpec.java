package dev.crashtest.agent;

import dev.crashtest.env.containers.JavaImage;
import dev.crashtest.env.containers.LocalImages;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start an agent: a name for reports and the command that runs it under the agent contract
 * ({@code docs/agent-contract.md}).
 *
 * <pre>{@code
 * AgentSpec python = AgentSpec.command("python", List.of("python3", "my_agent.py"));
 * AgentSpec naive = AgentSpec.javaMain("naive", "dev.crashtest.agents.ProcurementAgentMain", "--runtime", "naive");
 * AgentSpec boxed = naive.inContainer();                         // the same agent, as a container
 * AgentSpec yours = AgentSpec.image("my-agent", "my/agent:1.4");  // bring your own image
 * }</pre>
 */
public final class AgentSpec {
  private final String name;
  private final List<String> command;
  private final PlatformSpec platform;
  private final String image;
  private final JavaLaunch launch;
  private final String arguments;
  /** Per checker, what its failure means for this agent, in its platform's own terms (set once, then carried). */
  private Map<String, String> failureHints = Map.of();
  /** Why this agent cannot run as a container, when it cannot (set once, then carried). */
  private String hostOnlyReason;
  /** What a command agent's image carries and how it starts there, when it can run as a container (carried). */
  private Packaging packaging;

  /** The files of a command agent's image (path in the image to path here) and its command in that image. */
  private record Packaging(Map<String, Path> files, List<String> command) {}

  /** What a Java agent runs, kept so that it can also be put in an image. */
  private record JavaLaunch(List<Path> classpath, String mainClass, List<String> args) {}

  private AgentSpec(String name, List<String> command, PlatformSpec platform, String image, JavaLaunch launch) {
    this(name, command, platform, image, launch, null);
  }

  private AgentSpec(String name, List<String> command, PlatformSpec platform, String image, JavaLaunch launch,
      String arguments) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an agent needs a name, e.g. AgentSpec.command(\"my-agent\", List.of(...))");
    }
    if (image == null && (command == null || command.isEmpty())) {
      throw new IllegalArgumentException("agent [" + name + "] needs a command to start it");
    }
    this.name = name;
    this.command = command == null ? List.of() : List.copyOf(command);
    this.platform = platform;
    this.image = image;
    this.launch = launch;
    this.arguments = arguments != null ? arguments
        : image != null ? "--agent-image " + image : "--agent-cmd " + ShellWords.commandLine(this.command);
  }

  /**
   * An agent started by any command: a script, a binary, another language's runtime. Its runs reproduce with
   * {@code --agent-cmd 'python3 my_agent.py'}, the command line quoted for a POSIX shell.
   */
  public static AgentSpec command(String name, List<String> command) {
    return new AgentSpec(name, command, null, null, null);
  }

  /**
   * An agent shipped as an image, run as a container under the agent contract: its own entrypoint and command,
   * on the host's network, with its run directory mounted at the same path (state directory, secret file).
   *
   * <pre>{@code
   * AgentSpec mine = AgentSpec.image("my-agent", "registry.example/my-agent:1.4");
   * }</pre>
   */
  public static AgentSpec image(String name, String image) {
    return image(name, image, List.of());
  }

  /** As {@link #image(String, String)}, with {@code command} instead of the image's default command. */
  public static AgentSpec image(String name, String image, List<String> command) {
    if (image == null || image.isBlank()) {
      throw new IllegalArgumentException("agent [" + name + "] needs an image name, e.g. \"my/agent:1.0\"");
    }
    return new AgentSpec(name, command, null, image.trim(), null);
  }

  /**
   * An agent whose main class is on this JVM's class path, started in a JVM of its own (the same Java),
   * tuned to start fast. Its runs reproduce with {@code --agent-cmd} and that java command line; an agent the
   * command line knows by name says so with {@link #selectedBy(String)} ({@code --agent naive}).
   */
  public static AgentSpec javaMain(String name, String mainClass, String... args) {
    List<Path> classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.isBlank()).map(Path::of).toList();
    return javaMain(name, classpath, mainClass, args);
  }

  /** An agent whose main class is on {@code classpath} (not this JVM's), in a JVM of its own. */
  public static AgentSpec javaMain(String name, List<Path> classpath, String mainClass, String... args) {
    return new AgentSpec(name, JavaCommand.of(classpath, mainClass, List.of(args)), null, null,
        new JavaLaunch(List.copyOf(classpath), mainClass, List.of(args)));
  }

  /** The same agent, run on a durable-execution platform the harness starts, kills and restarts. */
  public AgentSpec withPlatform(PlatformSpec platform) {
    return carryingHints(new AgentSpec(name, command, Objects.requireNonNull(platform, "platform"), image, launch,
        arguments));
  }

  /**
   * The same agent, whose failures of {@code checker} are explained in its platform's own terms: the hint follows
   * the checker's message in every report, e.g. what setting of the framework prevents the failure.
   *
   * <pre>{@code
   * agent.withFailureHint("no-work-redone", "LangGraph wrote the node's checkpoint after the kill (durability 'async')");
   * }</pre>
   */
  public AgentSpec withFailureHint(String checker, String hint) {
    Map<String, String> hints = new java.util.LinkedHashMap<>(failureHints);
    hints.put(Objects.requireNonNull(checker, "checker"), Objects.requireNonNull(hint, "hint"));
    AgentSpec copy = carryingHints(new AgentSpec(name, command, platform, image, launch, arguments));
    copy.failureHints = java.util.Collections.unmodifiableMap(hints);
    return copy;
  }

  /** What a failure of {@code checker} means for this agent, in its platform's terms, if it says. */
  public java.util.Optional<String> failureHint(String checker) {
    return java.util.Optional.ofNullable(failureHints.get(checker));
  }

  /**
   * The same agent, which runs on this host only: {@link #inContainer()} refuses it with {@code reason}, one line the
   * command line shows as a usage error.
   */
  public AgentSpec onThisHostOnly(String reason) {
    AgentSpec copy = carryingHints(new AgentSpec(name, command, platform, image, launch, arguments));
    copy.hostOnlyReason = Objects.requireNonNull(reason, "reason");
    return copy;
  }

  /**
   * The same command agent, which can also run as a container: {@link #inContainer()} builds an image of the base
   * image plus {@code files} (path in the image to a file or directory here, see
   * {@link LocalImages#filesImage}) and starts {@code commandInImage} in it, as PID 1.
   *
   * <pre>{@code
   * AgentSpec graph = AgentSpec.command("graph", List.of("node", "/srv/graph/agent.mjs"))
   *     .packagedWith(Map.of("/opt/node", Path.of("/usr/bin/node"), "/opt/graph", Path.of("/srv/graph")),
   *         List.of("/opt/node", "/opt/graph/agent.mjs"));
   * }</pre>
   */
  public AgentSpec packagedWith(Map<String, Path> files, List<String> commandInImage) {
    if (commandInImage.isEmpty()) {
      throw new IllegalArgumentException("agent [" + name + "] needs a command to start it in its image");
    }
    AgentSpec copy = carryingHints(new AgentSpec(name, command, platform, image, launch, arguments));
    copy.packaging = new Packaging(Map.copyOf(files), List.copyOf(commandInImage));
    return copy;
  }

  private AgentSpec carryingHints(AgentSpec copy) {
    copy.failureHints = failureHints;
    copy.hostOnlyReason = hostOnlyReason;
    copy.packaging = packaging;
    return copy;
  }

  /**
   * The same agent as a container: an image agent as it is; a Java agent in an image built on this machine from
   * its class path (no registry; rebuilt only when the class path changes, see {@link LocalImages}).
   *
   * @throws AgentException for an agent that is only a command on this machine: give it an image instead
   */
  public AgentSpec inContainer() {
    if (image != null) {
      return this;
    }
    String repository = "crashtest/agent-" + name.toLowerCase(Locale.ROOT);
    if (packaging != null) {
      return boxed(LocalImages.filesImage(repository, packaging.files()).name(), packaging.command());
    }
    if (hostOnlyReason != null) {
      throw new AgentException("agent [" + name + "] runs on this host only so far (" + hostOnlyReason
          + "); leave out --backend containers for it");
    }
    if (launch == null) {
      throw new AgentException(this + " is a command on this machine " + command + ", not an image: build an image"
          + " of it and run it with --agent-image (AgentSpec.image(...))");
    }
    JavaImage built = LocalImages.javaImage(repository, launch.classpath());
    return boxed(built.name(), List.of(built.command(launch.mainClass(), launch.args().toArray(String[]::new))));
  }

  /** This agent started by {@code commandInImage} in {@code builtImage}, an image built here, its platform too. */
  private AgentSpec boxed(String builtImage, List<String> commandInImage) {
    // A name the command line knows runs in a container with --backend containers; any other agent is reproduced by
    // the image just built here, which --agent-image finds locally.
    String reproducedBy = arguments.startsWith("--agent-cmd ") ? "--agent-image " + builtImage
        : arguments + " --backend containers";
    AgentSpec boxed = carryingHints(new AgentSpec(name, commandInImage,
        platform == null ? null : platform.inContainer(), builtImage, launch, reproducedBy));
    boxed.packaging = null;
    return boxed;
  }


  /**
   * The same agent, selected on the command line by {@code arguments} (e.g. {@code --agent-cmd 'python3 a.py'}),
   * for the reproduce command of its runs.
   */
  public AgentSpec selectedBy(String arguments) {
    return carryingHints(new AgentSpec(name, command, platform, image, launch,
        Objects.requireNonNull(arguments, "arguments")));
  }

  /**
   * The command-line arguments that select this agent again: {@code --agent-cmd '<command line>'} for a command or
   * Java agent, {@code --agent-image <image>} for an image, or what {@link #selectedBy(String)} set, e.g.
   * {@code --agent naive --backend containers}.
   */
  public String arguments() {
    return arguments;
  }

  /** The image the agent runs from, when it runs as a container. */
  public Optional<String> image() {
    return Optional.ofNullable(image);
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
        && Objects.equals(platform, that.platform) && Objects.equals(image, that.image);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, command, platform, image);
  }

  @Override
  public String toString() {
    return "agent [" + name + "]";
  }
}
