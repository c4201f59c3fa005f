package dev.crashtest.fakes.proxy;

import dev.crashtest.fakes.StandaloneOptions;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;

/**
 * Runs the fault proxy as its own process with the real Toxiproxy server's flags; prints
 * {@code proxy listening on <url>} once ready.
 *
 * <pre>{@code
 * java -cp crashtest-fault-proxy.jar:... dev.crashtest.fakes.proxy.FaultProxyMain -host 127.0.0.1 -port 8474 -seed 42
 * }</pre>
 *
 * <p>Defaults: host {@code 127.0.0.1}, port {@code 8474}. A bad option prints one line on standard error and
 * exits with status 2; a port in use prints one line and exits with status 1.
 */
public final class FaultProxyMain {
  static final String SERVICE = "proxy";
  static final int DEFAULT_PORT = 8474;

  private FaultProxyMain() {}

  public static void main(String[] args) throws InterruptedException {
    FaultProxyServer.Builder builder;
    try {
      builder = configure(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    FaultProxyServer server;
    try {
      server = builder.start();
    } catch (UncheckedIOException e) {
      System.err.println(portInUse(args, e));
      System.exit(1);
      return;
    }
    StandaloneOptions.announceAndWait(SERVICE, server);
  }

  static String portInUse(String[] args, UncheckedIOException e) {
    StandaloneOptions options = StandaloneOptions.parse(SERVICE, args, List.of("seed"));
    int port = options.value("port", null) == null ? DEFAULT_PORT : options.port();
    return SERVICE + ": cannot listen on [" + options.host() + ":" + port + "]: " + e.getCause().getMessage()
        + "; is another Toxiproxy running? Choose another port with -port N, or -port 0 for any free port";
  }

  /** Reads {@code -host}, {@code -port} and {@code -seed}; throws {@link IllegalArgumentException} with one line. */
  static FaultProxyServer.Builder configure(String[] args) {
    StandaloneOptions options = StandaloneOptions.parse(SERVICE, args, List.of("seed"));
    int port = options.value("port", null) == null ? DEFAULT_PORT : options.port();
    FaultProxyServer.Builder builder = FaultProxyServer.builder().withHost(options.host()).withPort(port);
    String seed = options.value("seed", null);
    if (seed != null) {
      try {
        builder.withRandom(new Random(Long.parseLong(seed)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(SERVICE + ": --seed [" + seed + "] is not a whole number, e.g. -seed 42");
      }
    }
    return builder;
  }
}
