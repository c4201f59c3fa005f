package dev.crashtest.fakes.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.admin.AdminException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link McpAdminClient} injects and heals faults over the operator API as {@link McpToolServer#inject} does. */
class McpAdminClientIT {
  private McpWorld world;

  @BeforeEach
  void start() {
    world = McpWorld.start();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void a_fault_injected_over_http_is_the_one_injected_in_process_until_healed() {
    McpAdmin remote = McpAdminClient.at(world.mcp.baseUrl());

    InjectedFault renamed = remote.inject(McpFault.renameTool("create_quote", "create_quote_v2"));
    InjectedFault failing = remote.inject(McpFault.toolError("get_account", 2));

    assertThat(world.mcp.tools()).as("tools served while renamed").extracting(McpTool::name)
        .containsExactly("get_account", "create_quote_v2");
    assertThat(world.mcp.activeFaults()).as("active in the server").extracting(InjectedFault::id)
        .containsExactly(renamed.id(), failing.id());
    assertThat(renamed.description()).as("description over http")
        .isEqualTo(world.mcp.activeFaults().get(0).description());
    assertThat(renamed.active()).as("active over http").isTrue();

    renamed.heal();

    assertThat(world.mcp.tools()).as("tools served after heal").extracting(McpTool::name)
        .containsExactly("get_account", "create_quote");
    assertThat(renamed.active()).as("renamed after heal").isFalse();
    assertThat(world.mcp.activeFaults()).as("active after heal").extracting(InjectedFault::id)
        .containsExactly(failing.id());
  }

  @Test
  void a_fault_the_server_refuses_names_the_server_and_why() {
    McpAdmin remote = McpAdminClient.at(world.mcp.baseUrl());

    assertThatThrownBy(() -> remote.inject(McpFault.dropStream("no_such_tool")))
        .isInstanceOf(AdminException.class)
        .hasMessageStartingWith("the MCP server refused [POST /__crashtest/faults]: HTTP 400 ")
        .hasMessageContaining("no_such_tool");
  }
}
