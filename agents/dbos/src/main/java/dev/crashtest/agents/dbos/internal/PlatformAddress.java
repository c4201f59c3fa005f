package dev.crashtest.agents.dbos.internal;

import java.util.Map;

/**
 * Where the DBOS system database is: {@code CRASHTEST_PLATFORM_ADDRESS} ({@code host:port} of PostgreSQL), with the
 * fixed user, password and database every Crashtest platform uses.
 *
 * <pre>{@code
 * PlatformAddress address = PlatformAddress.fromEnvironment(System.getenv());
 * address.jdbcUrl(); // jdbc:postgresql://127.0.0.1:41010/crashtest
 * }</pre>
 *
 * @param host the PostgreSQL host, {@code 127.0.0.1} in every Crashtest run
 * @param port the PostgreSQL port
 */
public record PlatformAddress(String host, int port) {
  public static final String VARIABLE = "CRASHTEST_PLATFORM_ADDRESS";
  public static final String USER = "crashtest";
  public static final String PASSWORD = "crashtest";
  public static final String DATABASE = "crashtest";

  /**
   * Reads {@value #VARIABLE}.
   *
   * @throws IllegalArgumentException with a one-line message when it is missing or not {@code host:port}
   */
  public static PlatformAddress fromEnvironment(Map<String, String> env) {
    String raw = env.get(VARIABLE);
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("missing environment variable [" + VARIABLE + "]: the runtime [dbos] needs "
          + "PostgreSQL's host:port (for example: " + VARIABLE + "=127.0.0.1:41010; start one with "
          + "dev.crashtest.agents.dbos.PostgresPlatformMain --port 41010 --admin-port 0 --state-dir /tmp/pg)");
    }
    return parse(raw.trim());
  }

  /** Parses {@code host:port}. */
  public static PlatformAddress parse(String raw) {
    int colon = raw.lastIndexOf(':');
    String host = colon > 0 ? raw.substring(0, colon) : "";
    int port = -1;
    try {
      port = colon > 0 ? Integer.parseInt(raw.substring(colon + 1)) : -1;
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (host.isBlank() || port < 1 || port > 65535) {
      throw new IllegalArgumentException(VARIABLE + " [" + raw + "] is not host:port (for example: "
          + VARIABLE + "=127.0.0.1:41010)");
    }
    return new PlatformAddress(host, port);
  }

  /** The JDBC URL of the {@value #DATABASE} database. */
  public String jdbcUrl() {
    return jdbcUrl(DATABASE);
  }

  /** The JDBC URL of {@code database} on this server; connection attempts give up after 5 s. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?connectTimeout=5";
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
