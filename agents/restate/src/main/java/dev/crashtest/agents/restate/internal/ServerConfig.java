package dev.crashtest.agents.restate.internal;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The Restate server's configuration file for one platform: everything on 127.0.0.1, state under the platform's
 * state directory (so a restart on the same directory keeps every journal), no telemetry, no web UI, and an
 * invocation retry policy short enough that a restarted agent is called again within about a second.
 *
 * <pre>{@code
 * String toml = ServerConfig.builder(Path.of("/tmp/restate")).ingressPort(8080).adminPort(9070).nodePort(5122).build().toToml();
 * }</pre>
 */
public final class ServerConfig {
  /** Restate's own default starts at 500 ms and doubles to 1 min: a dead agent could wait a minute for its retry. */
  static final Duration RETRY_INITIAL = Duration.ofMillis(100);
  static final Duration RETRY_MAX = Duration.ofSeconds(1);
  /** About an hour of retries at the maximum interval before Restate pauses an invocation. */
  static final int RETRY_MAX_ATTEMPTS = 3600;

  private final Path stateDir;
  private final int ingressPort;
  private final int adminPort;
  private final int nodePort;

  private ServerConfig(Builder builder) {
    this.stateDir = builder.stateDir;
    this.ingressPort = builder.ingressPort;
    this.adminPort = builder.adminPort;
    this.nodePort = builder.nodePort;
  }

  public static Builder builder(Path stateDir) {
    return new Builder(stateDir);
  }

  /** Where the server keeps its data: {@code <state dir>/restate-data}. */
  public Path dataDir() {
    return stateDir.resolve("restate-data");
  }

  public String toToml() {
    return String.join("\n",
        "# Written by dev.crashtest.agents.restate.RestatePlatformMain; rewritten at every start.",
        "cluster-name = \"crashtest\"",
        "node-name = \"crashtest\"",
        "disable-telemetry = true",
        "bind-ip = \"127.0.0.1\"",
        "advertised-host = \"127.0.0.1\"",
        "listen-mode = \"tcp\"",
        "bind-port = " + nodePort,
        "base-dir = " + quoted(dataDir().toString()),
        "default-num-partitions = 2",
        "log-disable-ansi-codes = true",
        "",
        "[default-retry-policy]",
        "initial-interval = \"" + RETRY_INITIAL.toMillis() + "ms\"",
        "exponentiation-factor = 2.0",
        "max-interval = \"" + RETRY_MAX.toMillis() + "ms\"",
        "max-attempts = " + RETRY_MAX_ATTEMPTS,
        "on-max-attempts = \"pause\"",
        "",
        "[admin]",
        "bind-port = " + adminPort,
        "disable-web-ui = true",
        "",
        "[ingress]",
        "bind-port = " + ingressPort,
        "");
  }

  static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Ports and state directory of one platform. */
  public static final class Builder {
    private final Path stateDir;
    private int ingressPort = 8080;
    private int adminPort = 9070;
    private int nodePort = 5122;

    private Builder(Path stateDir) {
      this.stateDir = stateDir.toAbsolutePath();
    }

    public Builder ingressPort(int port) {
      this.ingressPort = port;
      return this;
    }

    public Builder adminPort(int port) {
      this.adminPort = port;
      return this;
    }

    public Builder nodePort(int port) {
      this.nodePort = port;
      return this;
    }

    public ServerConfig build() {
      return new ServerConfig(this);
    }
  }
}
