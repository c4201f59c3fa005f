package dev.crashtest.fakes.mcp;

import dev.crashtest.fakes.InjectedFault;

/**
 * What an operator does to an MCP server, wherever it runs: {@link McpToolServer} in this JVM is one, {@link
 * McpAdminClient} drives one in another process or container through its operator API; code that takes an {@code
 * McpAdmin} works with both.
 *
 * <pre>{@code
 * McpAdmin mcp = inThisJvm ? mcpToolServer : McpAdminClient.at(URI.create("http://127.0.0.1:41006"));
 * try (InjectedFault expired = mcp.inject(McpFault.expireAuthorization())) { ... }
 * }</pre>
 */
public interface McpAdmin {
  /**
   * Starts applying {@code fault}; the handle heals it (a renamed tool gets its name back, with a new {@code
   * list_changed}). {@code expire_sessions} is done on return and its handle is used up.
   *
   * @throws IllegalArgumentException in this JVM, if the fault names a tool the server does not serve now (over
   *     HTTP, an {@link dev.crashtest.fakes.admin.AdminException} with the server's 400 answer)
   */
  InjectedFault inject(McpFault fault);
}
