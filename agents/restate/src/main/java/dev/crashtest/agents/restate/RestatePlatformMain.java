package dev.crashtest.agents.restate;

import dev.crashtest.agents.restate.internal.PlatformOptions;
import dev.crashtest.agents.restate.internal.RestateServer;
import dev.crashtest.agents.restate.internal.ServerBinary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Restate platform as one process the harness can start, kill and restart: it writes the server's
 * configuration under the state directory, runs {@code restate-server} as its child (inside a mount namespace that
 * keeps the server's GitHub version check on loopback), prints {@value #READY} once the admin API and the ingress
 * answer, and stops the server when it gets {@code SIGTERM}. Its exit status is the server's.
 *
 * <pre>{@code
 * java -cp <class path> dev.crashtest.agents.restate.RestatePlatformMain --port 8080 --admin-port 9070 --state-dir /tmp/restate
 * }</pre>
 *
 * <p>The binary comes from {@code CRASHTEST_RESTATE_SERVER} or the cache filled by {@code ci/install-restate.sh};
 * when it is missing, or an option is wrong: one line on standard error, exit status 2.
 */
public final class RestatePlatformMain {
  /** The line the harness waits for on standard output. */
  public static final String READY = "crashtest-platform ready";
  static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private RestatePlatformMain() {}

  public static void main(String[] args) throws InterruptedException {
    PlatformOptions options;
    Path binary;
    try {
      options = PlatformOptions.parse(args);
      binary = ServerBinary.locate(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("restate-platform: " + e.getMessage());
      System.exit(2);
      return;
    }
    RestateServer server;
    try {
      server = RestateServer.start(binary, options);
    } catch (IOException e) {
      System.err.println("restate-platform: cannot start [" + binary + "]: " + e.getMessage());
      System.exit(1);
      return;
    }
    AtomicBoolean stopping = new AtomicBoolean();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopping.set(true);
      server.close();
    }, "restate-platform-shutdown"));
    try {
      server.awaitHealthy(START_TIMEOUT);
    } catch (IOException e) {
      System.err.println("restate-platform: " + e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println("restate-platform: ingress=127.0.0.1:" + options.ingressPort() + " admin=127.0.0.1:"
        + options.adminPort() + " log=" + server.log());
    System.out.println(READY);
    System.out.flush();
    int status = server.process().waitFor();
    if (!stopping.get()) {
      // The server died on its own: so does the platform, and the harness sees it exit.
      System.err.println("restate-platform: restate-server exited with status " + status + "; see [" + server.log()
          + "]");
      System.exit(status == 0 ? 1 : status);
    }
  }
}
