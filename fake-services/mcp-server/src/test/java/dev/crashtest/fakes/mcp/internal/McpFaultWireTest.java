package dev.crashtest.fakes.mcp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.fakes.mcp.McpFault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class McpFaultWireTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void every_fault_reads_back_from_its_wire_form() {
    List<McpFault> faults = List.of(McpFault.expireSessions(), McpFault.restart(),
        McpFault.renameTool("create_quote", "make_quote"),
        McpFault.changeSchema("create_quote", "{\"type\":\"object\"}"), McpFault.expireAuthorization(),
        McpFault.dropStream("create_quote"), McpFault.slowTool("create_quote", Duration.ofMillis(2500)),
        McpFault.toolError("create_quote", 3));

    for (McpFault fault : faults) {
      assertThat(FaultAdmin.read(JSON.valueToTree(fault.toWire()))).as("%s read back", fault.toWire())
          .isEqualTo(fault);
    }
  }

  @Test
  void the_wire_form_names_the_type_and_its_fields_in_order() {
    assertThat(McpFault.slowTool("create_quote", Duration.ofSeconds(3)).toWire()).containsExactly(
        Map.entry("type", "slow_tool"), Map.entry("tool", "create_quote"), Map.entry("delayMillis", 3000L));
    assertThat(McpFault.toolError("get_account", 2).describe()).isEqualTo("answer isError on get_account, next 2 calls");
  }

  @Test
  void a_field_of_another_fault_type_is_refused_with_the_fields_it_takes() {
    assertThatThrownBy(() -> FaultAdmin.read(JSON.valueToTree(Map.of("type", "drop_stream", "times", 2))))
        .hasMessage("mcp: field [times] does not apply to fault type [drop_stream], which takes [type, tool]");
    assertThatThrownBy(() -> FaultAdmin.read(JSON.valueToTree(Map.of("type", "crash"))))
        .hasMessage("mcp: unknown fault type [crash]");
  }

  @Test
  void a_fault_without_its_tool_is_refused() {
    assertThatThrownBy(() -> McpFault.dropStream(" "))
        .hasMessage("mcp: fault field [tool] must name a tool, e.g. create_quote");
    assertThatThrownBy(() -> McpFault.renameTool("a", "a"))
        .hasMessage("mcp: fault [rename_tool] renames [a] to itself");
  }
}
