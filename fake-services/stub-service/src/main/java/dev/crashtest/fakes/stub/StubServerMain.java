package dev.crashtest.fakes.stub;

import dev.crashtest.fakes.StandaloneOptions;
import dev.crashtest.fakes.stub.internal.StubConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a stub service as its own process until it is stopped; prints {@code stub-service listening on <url>} once
 * ready.
 *
 * <pre>{@code
 * java -cp ... dev.crashtest.fakes.stub.StubServerMain --config run-1/stubs.json --port 41005 \
 *     --data-dir run-1/stubs --events-url http://127.0.0.1:40100/events
 * }</pre>
 *
 * <p>The config file (paths relative to it):
 *
 * <pre>{@code
 * {"issuer": "http://127.0.0.1:41003/crashtest", "jwksUri": "http://127.0.0.1:41003/crashtest/jwks",
 *  "introspectionUri": "http://127.0.0.1:41003/crashtest/introspect",
 *  "services": {"orders": {"stubs": "stubs/orders"}, "refunds": {"stubs": "stubs/refunds"}},
 *  "operations": [
 *    {"service": "orders", "name": "get_order", "method": "GET", "path": "/orders/{order_id}", "scope": "orders.read"},
 *    {"service": "refunds", "name": "create_refund", "method": "POST", "path": "/refunds", "scope": "refunds.write",
 *     "effect": {"type": "refund", "id": "refundId", "key": "orderId",
 *                "approval-above": {"field": "amount", "value": 100}}}]}
 * }</pre>
 *
 * <p>Required: {@code --config}, and {@code --data-dir} unless the file has {@code dataDirectory}. Optional: {@code
 * --port N} (0 = any), {@code --host H}, {@code --events-url URL}. A bad option, config or stub file prints one line
 * on standard error and exits with status 2.
 */
public final class StubServerMain {
  static final List<String> OPTIONS = List.of("config", "data-dir", StandaloneOptions.EVENTS_URL);

  private StubServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    StubServer server;
    try {
      server = configure(args).start();
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    StandaloneOptions.announceAndWait("stub-service", server);
  }

  /** Reads the options and the config file into a builder; throws {@link IllegalArgumentException}, one line. */
  static StubServer.Builder configure(String[] args) {
    StandaloneOptions options = StandaloneOptions.parse("stub-service", args, OPTIONS);
    Path config = options.path("config", null);
    if (config == null) {
      throw new IllegalArgumentException("stub-service: missing option [--config]; give the JSON file that names the"
          + " services and operations, e.g. --config run-1/stubs.json");
    }
    StubServer.Builder builder = StubConfig.read(config)
        .withHost(options.host())
        .withPort(options.port())
        .withEventListener(options.eventListener());
    Path dataDirectory = options.path("data-dir", null);
    if (dataDirectory != null) {
      builder.withDataDirectory(dataDirectory);
    }
    return builder;
  }
}
