package dev.crashtest.agents.restate.internal;

import java.net.URI;
import java.util.Map;

/**
 * Where the agent finds Restate: {@code CRASHTEST_PLATFORM_ADDRESS} (the ingress, {@code host:port}; the harness may
 * route it through a fault proxy) and {@code CRASHTEST_PLATFORM_ADMIN_ADDRESS} (the admin API, {@code host:port}).
 *
 * <pre>{@code
 * PlatformAddresses platform = PlatformAddresses.fromEnvironment(System.getenv());
 * platform.ingress(); // http://127.0.0.1:8080
 * }</pre>
 *
 * @param ingress the ingress base URL, no trailing slash
 * @param admin the admin API's base URL, no trailing slash
 */
public record PlatformAddresses(URI ingress, URI admin) {
  public static final String INGRESS_VARIABLE = "CRASHTEST_PLATFORM_ADDRESS";
  public static final String ADMIN_VARIABLE = "CRASHTEST_PLATFORM_ADMIN_ADDRESS";

  /**
   * Reads both variables.
   *
   * @throws IllegalArgumentException naming the first missing or malformed variable, with an example
   */
  public static PlatformAddresses fromEnvironment(Map<String, String> env) {
    return new PlatformAddresses(address(env, INGRESS_VARIABLE, "127.0.0.1:8080"),
        address(env, ADMIN_VARIABLE, "127.0.0.1:9070"));
  }

  private static URI address(Map<String, String> env, String name, String example) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing environment variable [" + name + "]; the restate runtime needs"
          + " the platform's address (for example: " + name + "=" + example + ")");
    }
    String trimmed = value.trim().replaceAll("/+$", "");
    URI uri = URI.create(trimmed.contains("://") ? trimmed : "http://" + trimmed);
    if (uri.getHost() == null || uri.getPort() < 1) {
      throw new IllegalArgumentException("environment variable [" + name + "] value [" + value
          + "] is not host:port (for example: " + name + "=" + example + ")");
    }
    return uri;
  }
}
