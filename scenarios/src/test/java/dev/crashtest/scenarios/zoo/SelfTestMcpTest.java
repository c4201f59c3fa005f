package dev.crashtest.scenarios.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.env.Service;
import dev.crashtest.fakes.mcp.McpFault;
import dev.crashtest.scenario.Faults;
import dev.crashtest.scenario.Scenario;
import org.junit.jupiter.api.Test;

/** Which scenarios the self-test runs with tools over MCP: those acting on the MCP server, never the others. */
class SelfTestMcpTest {

  @Test
  void scenario_with_a_fault_of_the_mcp_server_runs_with_tools_over_mcp() {
    Scenario renamed = Scenario.named("mcp-tools-changed")
        .withFault(Faults.mcp(McpFault.renameTool("place_order", "submit_order")));

    assertThat(SelfTest.overMcp(renamed)).isTrue();
  }

  @Test
  void outage_of_the_mcp_hop_alone_runs_with_tools_over_mcp() {
    assertThat(SelfTest.overMcp(Scenario.named("mcp-outage").withFault(Faults.outage(Service.MCP)))).isTrue();
  }

  @Test
  void scenario_without_mcp_faults_runs_with_tools_over_rest() {
    assertThat(SelfTest.overMcp(Scenario.named("happy-path"))).isFalse();
    assertThat(SelfTest.overMcp(Scenario.named("crm-outage").withFault(Faults.outage(Service.CRM)))).isFalse();
  }
}
