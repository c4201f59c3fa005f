package dev.crashtest.scenarios;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Where the {@code langgraph} agent's npm packages are, and its script ready to run against them.
 *
 * <p>The packages are installed by {@code ci/install-langgraph.sh} (which {@code ./crashtest} runs on first use) into
 * {@code ${CRASHTEST_CACHE:-~/.cache/crashtest}/langgraph/<hash>/node_modules}, the hash being the first 16 hex digits
 * of SHA-256 over {@code package.json} then {@code package-lock.json}; {@code CRASHTEST_LANGGRAPH_MODULES} names
 * another directory. The script ships in the jar ({@value #RESOURCES}) like the Python agent, and is copied into a
 * fresh directory beside a {@code node_modules} link to the installed packages: an ES module resolves its imports
 * from the directories above it, never from {@code NODE_PATH}.
 *
 * <pre>{@code
 * Path script = LangGraphModules.prepareScript(LangGraphModules.find(System.getenv()));
 * }</pre>
 */
final class LangGraphModules {
  static final String VARIABLE = "CRASHTEST_LANGGRAPH_MODULES";
  static final String RESOURCES = "/dev/crashtest/agents/langgraph/";
  static final String INSTALL_SCRIPT = "ci/install-langgraph.sh";

  private LangGraphModules() {}

  /**
   * The installed node_modules: {@value #VARIABLE}, else the cache directory for this build's lock file.
   *
   * @throws IllegalStateException naming the install script when the packages are not there
   */
  static Path find(Map<String, String> env) {
    String named = env.get(VARIABLE);
    Path modules = named != null && !named.isBlank() ? Path.of(named.trim()) : defaultDirectory(env);
    if (!Files.isDirectory(modules.resolve("@langchain").resolve("langgraph"))) {
      throw new IllegalStateException("the langgraph agent's npm packages are not installed in [" + modules + "];"
          + " install them with " + INSTALL_SCRIPT + " (./crashtest run --agent langgraph does it on first use),"
          + " or point " + VARIABLE + " at a node_modules with @langchain/langgraph 1.7.3");
    }
    return modules;
  }

  static Path defaultDirectory(Map<String, String> env) {
    String cache = env.get("CRASHTEST_CACHE");
    Path base = cache != null && !cache.isBlank() ? Path.of(cache)
        : Path.of(System.getProperty("user.home"), ".cache", "crashtest");
    String dir = env.get("CRASHTEST_LANGGRAPH_DIR");
    Path langgraph = dir != null && !dir.isBlank() ? Path.of(dir) : base.resolve("langgraph");
    return langgraph.resolve(lockHash()).resolve("node_modules");
  }

  /** What {@code ci/install-langgraph.sh} keys the install by: SHA-256 of package.json then package-lock.json. */
  static String lockHash() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(resource("package.json"));
      digest.update(resource("package-lock.json"));
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
  }

  /** The {@code node} on {@code PATH}, links resolved, if there is one: the one that runs the agent here. */
  static Optional<Path> nodeOnPath(Map<String, String> env) {
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path node = Path.of(dir, "node");
      if (Files.isRegularFile(node) && Files.isExecutable(node)) {
        return Optional.of(realPath(node));
      }
    }
    return Optional.empty();
  }

  static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("could not resolve [" + path + "]: " + e.getMessage(), e);
    }
  }

  /** Copies {@code agent.mjs} into a new temporary directory with {@code node_modules} linked to {@code modules}. */
  static Path prepareScript(Path modules) {
    try {
      Path dir = Files.createTempDirectory("crashtest-langgraph-agent-");
      dir.toFile().deleteOnExit(); // deleted last: deleteOnExit works in reverse order of registration
      Path script = dir.resolve("agent.mjs");
      Files.write(script, resource("agent.mjs"));
      script.toFile().deleteOnExit();
      Path link = Files.createSymbolicLink(dir.resolve("node_modules"), modules.toAbsolutePath());
      link.toFile().deleteOnExit();
      return script;
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare the langgraph agent's script: " + e.getMessage(), e);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = LangGraphModules.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("the langgraph agent's [" + RESOURCES + name + "] is missing from the class"
            + " path; rebuild with ./crashtest --rebuild");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + RESOURCES + name + ": " + e.getMessage(), e);
    }
  }
}
