package dev.crashtest.agents.restate.internal;

import static dev.crashtest.agents.PlatformOptions.ADMIN_PORT;
import static dev.crashtest.agents.PlatformOptions.PORT;
import static dev.crashtest.agents.PlatformOptions.STATE_DIR;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The command line of {@code RestatePlatformMain}: {@code --port P --admin-port A --state-dir D}, read by the
 * agents' shared {@code PlatformOptions}; all three are required and the two ports must differ.
 *
 * <pre>{@code
 * PlatformOptions options = PlatformOptions.parse(new String[] {"--port", "8080", "--admin-port", "9070", "--state-dir", "/tmp/r"});
 * }</pre>
 *
 * @param ingressPort the port Restate's ingress listens on (where agents start and query workflows)
 * @param adminPort the port of Restate's admin API (deployments, health)
 * @param stateDir where the server keeps its data; the same directory after a restart keeps every workflow
 */
public record PlatformOptions(int ingressPort, int adminPort, Path stateDir) {
  static final String USAGE = "usage: --port <ingress port> --admin-port <admin port> --state-dir <directory>";

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException with one line naming the bad argument and the usage
   */
  public static PlatformOptions parse(String[] args) {
    // Named in full: this record has the same simple name.
    var options = dev.crashtest.agents.PlatformOptions.parse(args, USAGE);
    OptionalInt port = options.port(PORT, 1);
    OptionalInt admin = options.port(ADMIN_PORT, 1);
    Optional<Path> stateDir = options.stateDir();
    if (port.isEmpty() || admin.isEmpty() || stateDir.isEmpty()) {
      String missing = port.isEmpty() ? PORT : admin.isEmpty() ? ADMIN_PORT : STATE_DIR;
      throw new IllegalArgumentException("missing option [" + missing + "]; " + USAGE);
    }
    if (port.getAsInt() == admin.getAsInt()) {
      throw new IllegalArgumentException("[--port] and [--admin-port] are both " + port.getAsInt()
          + "; give two different ports");
    }
    return new PlatformOptions(port.getAsInt(), admin.getAsInt(), stateDir.get());
  }
}
