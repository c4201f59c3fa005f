package dev.crashtest.scenarios;

import dev.crashtest.agent.AgentSpec;
import dev.crashtest.agent.PlatformSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reference agents Crashtest ships, by name: {@code naive} (Java, LangChain4j, progress in memory),
 * {@code naive-streaming} (the same, streaming the model's answers), {@code python} (standard-library Python,
 * written from the agent contract alone), the same Java agent on durable runtimes: {@code temporal},
 * {@code restate}, {@code dbos}, and {@code langgraph} (LangGraph.js on Node, checkpoints in PostgreSQL).
 *
 * <pre>{@code
 * AgentSpec agent = Agents.named("naive").orElseThrow();
 * }</pre>
 */
public final class Agents {
  static final String JAVA_MAIN = "dev.crashtest.agents.ProcurementAgentMain";
  static final String POSTGRES_PLATFORM = "dev.crashtest.agents.dbos.PostgresPlatformMain";
  /** Where the langgraph agent's image keeps node, the script and its node_modules. */
  static final String LANGGRAPH_IN_IMAGE = "/opt/crashtest/langgraph";
  static final String POSTGRES_ON_THIS_HOST =
      "PostgreSQL refuses to run as root and the user namespace that avoids it is not allowed in a container";
  static final String PYTHON_RESOURCE = "/dev/crashtest/agents/python/procurement_agent.py";

  private Agents() {}

  public static List<String> names() {
    return List.of("naive", "naive-streaming", "python", "temporal", "restate", "dbos", "langgraph");
  }

  public static Optional<AgentSpec> named(String name) {
    switch (name) {
      case "naive":
        return Optional.of(naive());
      case "naive-streaming":
        return Optional.of(naiveStreaming());
      case "python":
        return Optional.of(python());
      case "temporal":
        return Optional.of(temporal());
      case "restate":
        return Optional.of(onThisHost(durable("restate", "dev.crashtest.agents.restate.RestatePlatformMain"),
            "the Restate server is a binary from npm in this machine's cache, kept off the network by a mount"
                + " namespace that a container may not create"));
      case "dbos":
        return Optional.of(onThisHost(durable("dbos", POSTGRES_PLATFORM), POSTGRES_ON_THIS_HOST));
      case "langgraph":
        return Optional.of(langgraph());
      default:
        return Optional.empty();
    }
  }

  public static AgentSpec naive() {
    return AgentSpec.javaMain("naive", JAVA_MAIN, "--runtime", "naive").selectedBy("--agent naive");
  }

  /** The naive Java agent calling the model with {@code stream: true} (LangChain4j's streaming model). */
  public static AgentSpec naiveStreaming() {
    return AgentSpec.javaMain("naive-streaming", JAVA_MAIN, "--runtime", "naive", "--streaming")
        .selectedBy("--agent naive-streaming");
  }

  /**
   * The procurement agent on a durable runtime, with the platform server it needs. Each runtime runs on its own
   * class path, {@code agents/<runtime>/target/runtime-classpath.txt} under {@code crashtest.home}, so the
   * platforms' libraries never share a JVM.
   */
  public static AgentSpec durable(String runtime, String platformMain) {
    List<Path> classpath = RuntimeClasspath.of(runtime);
    return AgentSpec.javaMain(runtime, classpath, JAVA_MAIN, "--runtime", runtime).selectedBy("--agent " + runtime)
        .withPlatform(PlatformSpec.javaMain(runtime + "-platform", classpath, platformMain));
  }

  private static AgentSpec onThisHost(AgentSpec agent, String reason) {
    return agent.withPlatform(agent.platform().orElseThrow().onThisHostOnly(reason));
  }

  /** The agent on Temporal; its platform is the test server, whose history lives in memory. */
  public static AgentSpec temporal() {
    AgentSpec agent = durable("temporal", "dev.crashtest.agents.temporal.TemporalPlatformMain");
    return agent.withPlatform(agent.platform().orElseThrow().losingStateOnRestart());
  }

  /**
   * The LangGraph.js agent ({@code agents/langgraph/agent.mjs}, shipped in the jar) run by {@code node}, its
   * checkpoints in the same PostgreSQL platform as {@code dbos}. Its npm packages come from the cache that
   * {@code ci/install-langgraph.sh} fills ({@link LangGraphModules}).
   *
   * @throws IllegalStateException naming the install script when the packages are not installed
   */
  public static AgentSpec langgraph() {
    return langgraph(LangGraphModules.find(System.getenv()));
  }

  /** The LangGraph.js agent with its npm packages from {@code nodeModules}. */
  public static AgentSpec langgraph(Path nodeModules) {
    return langgraph(nodeModules, List.of());
  }

  /**
   * The LangGraph.js agent run with LangGraph's durability mode {@code durability} ({@code async}, its default;
   * {@code sync}; {@code exit}) instead of the default; see agents/langgraph/README.md.
   */
  static AgentSpec langgraph(Path nodeModules, String durability) {
    return langgraph(nodeModules, List.of("env", "CRASHTEST_LANGGRAPH_DURABILITY=" + durability));
  }

  /** {@code environment}: an {@code env NAME=value} prefix of the command, or nothing. */
  private static AgentSpec langgraph(Path nodeModules, List<String> environment) {
    Path script = LangGraphModules.prepareScript(nodeModules);
    List<String> command = new ArrayList<>(environment);
    command.addAll(List.of("node", script.toString()));
    AgentSpec agent = AgentSpec.command("langgraph", command).selectedBy("--agent langgraph")
        .withPlatform(PlatformSpec.javaMain("langgraph-platform", RuntimeClasspath.of("dbos"), POSTGRES_PLATFORM)
            .onThisHostOnly(POSTGRES_ON_THIS_HOST));
    // On the container backend: the node that installed the packages, the packages and the script, in an image
    // built here (docs/containers.md); PostgreSQL stays on this host as for dbos.
    Optional<Path> node = LangGraphModules.nodeOnPath(System.getenv());
    if (node.isPresent()) {
      List<String> inImage = new ArrayList<>(environment);
      inImage.addAll(List.of(LANGGRAPH_IN_IMAGE + "/node", LANGGRAPH_IN_IMAGE + "/agent.mjs"));
      agent = agent.packagedWith(Map.of(LANGGRAPH_IN_IMAGE + "/node", node.get(),
          LANGGRAPH_IN_IMAGE + "/agent.mjs", script,
          LANGGRAPH_IN_IMAGE + "/node_modules", LangGraphModules.realPath(nodeModules)), inImage);
    } else {
      agent = agent.onThisHostOnly("no node on PATH to put in its image");
    }
    return agent
        .withFailureHint("no-work-redone", "with LangGraph's default durability 'async' a node's checkpoint is"
            + " written while the next node already runs, so a kill can land before it is saved and the node runs"
            + " again on resume; durability 'sync' (CRASHTEST_LANGGRAPH_DURABILITY=sync) saves it first, and each"
            + " side effect in a task() or behind an idempotency key keeps a repeat harmless; agents/langgraph/README.md")
        .withFailureHint("task-completed", "the thread was not resumed from its PostgresSaver checkpoint after the"
            + " restart (invoke(null) on the thread id); agents/langgraph/README.md");
  }

  /** The Python agent, copied out of the class path into a temporary file so it runs from a jar too. */
  public static AgentSpec python() {
    return AgentSpec.command("python", List.of("python3", "-u", extractPythonAgent().toString()))
        .selectedBy("--agent python");
  }

  private static Path extractPythonAgent() {
    try (InputStream in = Agents.class.getResourceAsStream(PYTHON_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the Python agent [" + PYTHON_RESOURCE + "] is missing from the class path;"
            + " rebuild with ./crashtest --rebuild");
      }
      Path file = Files.createTempFile("crashtest-python-agent-", ".py");
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not extract the Python agent: " + e.getMessage(), e);
    }
  }
}
