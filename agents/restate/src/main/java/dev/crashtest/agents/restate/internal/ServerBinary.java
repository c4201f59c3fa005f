package dev.crashtest.agents.restate.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the {@code restate-server} binary is: {@code CRASHTEST_RESTATE_SERVER}, else the cache that
 * {@code ci/install-restate.sh} fills ({@code ${CRASHTEST_CACHE:-$HOME/.cache/crashtest}/restate}).
 *
 * <pre>{@code
 * Path binary = ServerBinary.locate(System.getenv());
 * }</pre>
 */
public final class ServerBinary {
  public static final String VARIABLE = "CRASHTEST_RESTATE_SERVER";
  static final String PACKAGE_PATH = "node_modules/@restatedev/restate-server-linux-x64/bin/restate-server";

  private ServerBinary() {}

  /** The path the install script uses, whether or not the binary is there. */
  public static Path defaultPath(Map<String, String> env) {
    String cache = env.get("CRASHTEST_CACHE");
    Path root = cache == null || cache.isBlank()
        ? Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache", "crashtest")
        : Path.of(cache);
    return root.resolve("restate").resolve(PACKAGE_PATH);
  }

  /**
   * The binary to run.
   *
   * @throws IllegalArgumentException with one line naming the path looked at and the fix
   */
  public static Path locate(Map<String, String> env) {
    String explicit = env.get(VARIABLE);
    Path binary = explicit == null || explicit.isBlank() ? defaultPath(env) : Path.of(explicit.trim());
    if (!Files.isExecutable(binary)) {
      throw new IllegalArgumentException("no restate-server binary at [" + binary + "]; run ci/install-restate.sh"
          + " (or set " + VARIABLE + " to the binary)");
    }
    return binary;
  }
}
