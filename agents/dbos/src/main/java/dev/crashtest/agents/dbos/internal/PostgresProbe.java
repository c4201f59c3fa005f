package dev.crashtest.agents.dbos.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Whether PostgreSQL accepts connections: a real login with the platform's user and password, not just an open
 * port (PostgreSQL listens before it has finished crash recovery).
 *
 * <pre>{@code
 * PostgresProbe.awaitAccepting(PlatformAddress.parse("127.0.0.1:41010"), Duration.ofSeconds(30));
 * }</pre>
 */
public final class PostgresProbe {
  private static final long POLL_MILLIS = 100;

  private PostgresProbe() {}

  /** Opens a connection to {@code database}; the caller closes it. */
  public static Connection connect(PlatformAddress address, String database) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", PlatformAddress.USER);
    properties.setProperty("password", PlatformAddress.PASSWORD);
    properties.setProperty("connectTimeout", "2");
    properties.setProperty("socketTimeout", "10");
    return DriverManager.getConnection(address.jdbcUrl(database), properties);
  }

  /** Whether a login to {@code database} succeeds now; the last failure's message goes to {@code why}. */
  static boolean accepts(PlatformAddress address, String database, StringBuilder why) {
    try (Connection connection = connect(address, database)) {
      return connection.isValid(2);
    } catch (SQLException e) {
      why.setLength(0);
      why.append(e.getMessage());
      return false;
    }
  }

  /**
   * Waits until the {@value PlatformAddress#DATABASE} database accepts a login.
   *
   * @throws IllegalArgumentException with one line naming the address, the last error and the fix
   */
  public static void awaitAccepting(PlatformAddress address, Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    StringBuilder why = new StringBuilder("no attempt made");
    while (!accepts(address, PlatformAddress.DATABASE, why)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalArgumentException("PostgreSQL at [" + address + "] did not accept a login as ["
            + PlatformAddress.USER + "] to database [" + PlatformAddress.DATABASE + "] within " + atMost.toSeconds()
            + " s (last error: " + why + "); start the platform first, e.g. dev.crashtest.agents.dbos."
            + "PostgresPlatformMain --port " + address.port() + " --admin-port 0 --state-dir /tmp/crashtest-pg");
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for PostgreSQL", e);
    }
  }
}
