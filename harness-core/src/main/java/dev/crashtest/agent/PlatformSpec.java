package dev.crashtest.agent;

import dev.crashtest.env.containers.JavaImage;
import dev.crashtest.env.containers.LocalImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start the durable-execution platform an agent runs on (a Temporal test server, a Restate server,
 * PostgreSQL for DBOS) as a process of its own, so it can be killed and restarted on its state.
 *
 * <p>The platform command is called with {@code --port P --admin-port A --state-dir D}, binds 127.0.0.1, prints
 * {@value #READY_LINE} on standard output once it serves, and keeps its state in {@code D} across restarts. The
 * agent then finds it at {@code CRASHTEST_PLATFORM_ADDRESS} (host:port, through a fault proxy) and
 * {@code CRASHTEST_PLATFORM_ADMIN_ADDRESS}.
 *
 * <pre>{@code
 * PlatformSpec postgres = PlatformSpec.javaMain("postgres", classpath, "dev.crashtest.agents.dbos.PostgresPlatformMain");
 * AgentSpec dbos = AgentSpec.javaMain("dbos", classpath, "dev.crashtest.agents.ProcurementAgentMain", "--runtime", "dbos")
 *     .withPlatform(postgres);
 * }</pre>
 */
public final class PlatformSpec {
  /** The line a platform prints once it serves. */
  public static final String READY_LINE = "crashtest-platform ready";

  private final String name;
  private final List<String> command;
  private final boolean keepsState;
  private final List<Path> classpath;
  private final String mainClass;
  private final String image;
  private final String hostOnlyReason;

  private PlatformSpec(String name, List<String> command, boolean keepsState, List<Path> classpath,
      String mainClass, String image, String hostOnlyReason) {
    this.name = Objects.requireNonNull(name, "name");
    this.command = List.copyOf(command);
    this.keepsState = keepsState;
    this.classpath = classpath;
    this.mainClass = mainClass;
    this.image = image;
    this.hostOnlyReason = hostOnlyReason;
  }

  /** A platform started by any command; the harness appends the port, admin port and state directory. */
  public static PlatformSpec command(String name, List<String> command) {
    return new PlatformSpec(name, command, true, null, null, null, "it is a command on this machine");
  }

  /** A platform whose main class is on {@code classpath}, in a JVM of its own. */
  public static PlatformSpec javaMain(String name, List<Path> classpath, String mainClass) {
    return new PlatformSpec(name, JavaCommand.of(classpath, mainClass, List.of()), true, List.copyOf(classpath),
        mainClass, null, null);
  }

  /**
   * The same platform, known to lose its state when it dies (Temporal's test server keeps history in memory):
   * scenarios that kill the platform do not apply to it.
   */
  public PlatformSpec losingStateOnRestart() {
    return new PlatformSpec(name, command, false, classpath, mainClass, image, hostOnlyReason);
  }

  /** The same platform, kept a process on this machine even on the container backend, for {@code reason}. */
  public PlatformSpec onThisHostOnly(String reason) {
    return new PlatformSpec(name, command, keepsState, classpath, mainClass, image,
        Objects.requireNonNull(reason, "reason"));
  }

  /**
   * The same platform as a container of an image built here from its class path (host network, its state
   * directory mounted), unless it must stay on this host: then itself.
   */
  public PlatformSpec inContainer() {
    if (image != null || hostOnlyReason != null) {
      return this;
    }
    JavaImage built = LocalImages.javaImage("crashtest/platform-" + name.toLowerCase(java.util.Locale.ROOT),
        classpath);
    return new PlatformSpec(name, List.of(built.command(mainClass)), keepsState, classpath, mainClass, built.name(),
        null);
  }

  /** The image the platform runs from, when it runs as a container. */
  public Optional<String> image() {
    return Optional.ofNullable(image);
  }

  /** Whether a killed and restarted platform still has what it had (Restate's and PostgreSQL's files). */
  public boolean keepsStateAcrossRestarts() {
    return keepsState;
  }

  public String name() {
    return name;
  }

  /** The full command for one start. */
  public List<String> command(int port, int adminPort, Path stateDirectory) {
    List<String> full = new ArrayList<>(command);
    full.addAll(List.of("--port", String.valueOf(port), "--admin-port", String.valueOf(adminPort),
        "--state-dir", stateDirectory.toAbsolutePath().toString()));
    return full;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PlatformSpec that && name.equals(that.name) && command.equals(that.command)
        && keepsState == that.keepsState && Objects.equals(image, that.image);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, command, keepsState, image);
  }

  @Override
  public String toString() {
    return "platform [" + name + "]";
  }
}
