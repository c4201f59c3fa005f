package dev.crashtest.fakes.mcp;

import dev.crashtest.fakes.StandaloneOptions;
import dev.crashtest.fakes.mcp.internal.McpConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs an MCP server as its own process until it is stopped; prints {@code mcp-server listening on <url>} once ready.
 *
 * <pre>{@code
 * java -cp ... dev.crashtest.fakes.mcp.McpToolServerMain --config run-1/mcp.json --port 41006 \
 *     --events-url http://127.0.0.1:40100/events
 * }</pre>
 *
 * <p>The config file (a relative {@code clientSecretFile} is relative to it):
 *
 * <pre>{@code
 * {"issuer": "http://127.0.0.1:41003/crashtest", "jwksUri": "http://127.0.0.1:41003/crashtest/jwks",
 *  "tokenEndpoint": "http://127.0.0.1:41003/crashtest/token",
 *  "clientId": "mcp-server", "clientSecretFile": "mcp-server.secret",
 *  "publicUrl": "http://127.0.0.1:41106",
 *  "services": {"crm": "http://127.0.0.1:41002"},
 *  "tools": [{"name": "create_quote", "description": "Create a price quote for an account.",
 *             "inputSchema": {"type": "object", "properties": {"account_id": {"type": "string"}},
 *                             "required": ["account_id"]},
 *             "service": "crm", "method": "POST", "path": "/quotes", "body": {"accountId": "{account_id}"},
 *             "scope": "crm.write", "write": true}]}
 * }</pre>
 *
 * <p>Required: {@code --config}. Optional: {@code --port N} (0 = any), {@code --host H}, {@code --events-url URL}. A
 * bad option or config prints one line on standard error and exits with status 2.
 */
public final class McpToolServerMain {
  static final List<String> OPTIONS = List.of("config", StandaloneOptions.EVENTS_URL);

  private McpToolServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    McpToolServer server;
    try {
      server = configure(args).start();
    } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    StandaloneOptions.announceAndWait("mcp-server", server);
  }

  /** Reads the options and the config file into a builder; throws {@link IllegalArgumentException}, one line. */
  static McpToolServer.Builder configure(String[] args) {
    StandaloneOptions options = StandaloneOptions.parse("mcp-server", args, OPTIONS);
    Path config = options.path("config", null);
    if (config == null) {
      throw new IllegalArgumentException("mcp-server: missing option [--config]; give the JSON file that names the"
          + " identity provider, services and tools, e.g. --config run-1/mcp.json");
    }
    McpToolServer.Builder builder = McpToolServer.builder();
    McpConfig.read(config, builder);
    return builder.withHost(options.host()).withPort(options.port()).withEventListener(options.eventListener());
  }
}
