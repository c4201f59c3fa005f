package dev.crashtest.fakes.mcp;

import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.admin.AdminClient;
import java.net.URI;

/**
 * The {@link McpAdmin} of an MCP server in another process or container, over its operator API ({@code
 * /__crashtest/faults}). A call the server refuses or that cannot reach it throws an {@link
 * dev.crashtest.fakes.admin.AdminException} naming it.
 *
 * <pre>{@code
 * McpAdmin mcp = McpAdminClient.at(URI.create("http://127.0.0.1:41006"));
 * mcp.inject(McpFault.toolError("place_order", 1));
 * }</pre>
 */
public final class McpAdminClient implements McpAdmin {
  private final AdminClient admin;

  private McpAdminClient(AdminClient admin) {
    this.admin = admin;
  }

  /** The admin of the MCP server whose own socket is {@code direct}, e.g. {@code http://127.0.0.1:41006}. */
  public static McpAdminClient at(URI direct) {
    return new McpAdminClient(AdminClient.to("the MCP server", direct));
  }

  @Override
  public InjectedFault inject(McpFault fault) {
    return admin.injectFault(fault.toWire());
  }
}
