package dev.crashtest.agents.temporal;

import dev.crashtest.agents.PlatformOptions;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The Temporal platform for crash tests: Temporal's test server in real time (no time skipping), bound to
 * {@code 127.0.0.1:PORT} only, history in memory. It runs in a process of its own so that killing the agent (the
 * worker) leaves the history alive. Prints exactly {@value #READY} once it accepts connections; exits 0 on
 * {@code SIGTERM}; a bad command line gives one line on standard error and exit status 2.
 *
 * <pre>{@code
 * java -cp ... dev.crashtest.agents.temporal.TemporalPlatformMain --port 7233 --admin-port 0 --state-dir /tmp/t
 * }</pre>
 *
 * <p>{@code --admin-port} and {@code --state-dir} are accepted and ignored: the harness passes them to every
 * platform, and the test server has neither an admin port nor durable state.
 */
public final class TemporalPlatformMain {
  /** The line the harness waits for. */
  public static final String READY = "crashtest-platform ready";
  static final int USAGE_ERROR = 2;
  static final String USAGE = "usage: --port <1-65535> [--admin-port <port>] [--state-dir <dir>]";

  private TemporalPlatformMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int port;
    try {
      port = port(args);
    } catch (IllegalArgumentException e) {
      System.err.println("temporal-platform: " + e.getMessage());
      System.exit(USAGE_ERROR);
      return;
    }
    TestServicesStarter services = new TestServicesStarter(true /* real time, no skipping */, 0);
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port));
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    Server server;
    try {
      server = builder.build().start();
    } catch (IOException e) {
      services.close();
      System.err.println("temporal-platform: cannot bind 127.0.0.1:" + port + " (" + e.getMessage()
          + "); is another platform still running on that port?");
      System.exit(USAGE_ERROR);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, services), "platform-shutdown"));
    exitZeroOnTerm();
    System.out.println(READY);
    System.out.flush();
    server.awaitTermination();
  }

  /** The value of {@code --port}; the other two options are checked for a value and ignored. */
  static int port(String[] args) {
    String port = PlatformOptions.parse(args, USAGE).value(PlatformOptions.PORT)
        .orElseThrow(() -> new IllegalArgumentException("option [--port] is required; " + USAGE));
    return parsePort(port);
  }

  private static int parsePort(String raw) {
    try {
      int port = Integer.parseInt(raw);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--port [" + raw + "] is not a TCP port (1-65535); " + USAGE);
  }

  private static void stop(Server server, TestServicesStarter services) {
    server.shutdownNow();
    try {
      server.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    services.close();
  }

  private static void exitZeroOnTerm() {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> System.exit(0));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      System.err.println("temporal-platform: cannot handle SIGTERM (" + e.getMessage()
          + "); it will still stop, with exit status 143");
    }
  }
}
