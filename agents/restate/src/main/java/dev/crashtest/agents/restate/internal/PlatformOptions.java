package dev.crashtest.agents.restate.internal;

import java.nio.file.Path;

/**
 * The command line of {@code RestatePlatformMain}: {@code --port P --admin-port A --state-dir D}.
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
    Integer port = null;
    Integer admin = null;
    Path stateDir = null;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (!option.equals("--port") && !option.equals("--admin-port") && !option.equals("--state-dir")) {
        throw new IllegalArgumentException("unknown argument [" + option + "]; " + USAGE);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option [" + option + "] needs a value; " + USAGE);
      }
      String value = args[++i];
      switch (option) {
        case "--port" -> port = port(option, value);
        case "--admin-port" -> admin = port(option, value);
        default -> stateDir = Path.of(value);
      }
    }
    if (port == null || admin == null || stateDir == null) {
      String missing = port == null ? "--port" : admin == null ? "--admin-port" : "--state-dir";
      throw new IllegalArgumentException("missing option [" + missing + "]; " + USAGE);
    }
    if (port.equals(admin)) {
      throw new IllegalArgumentException("[--port] and [--admin-port] are both " + port + "; give two different ports");
    }
    return new PlatformOptions(port, admin, stateDir);
  }

  private static int port(String option, String raw) {
    try {
      int value = Integer.parseInt(raw);
      if (value < 1 || value > 65535) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option [" + option + "] value [" + raw + "] is not a TCP port (1-65535)");
    }
  }
}
