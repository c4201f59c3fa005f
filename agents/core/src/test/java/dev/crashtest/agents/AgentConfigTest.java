package dev.crashtest.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.agents.internal.McpTools;
import dev.crashtest.agents.internal.WorkloadFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {
  @TempDir Path dir;

  @Test
  void without_a_workload_file_the_agent_runs_procurement_on_the_crm() {
    AgentConfig config = AgentConfig.fromEnvironment(AgentOptionsTest.fullEnvironment());

    WorkloadFile workload = ProcurementAgentMain.workload(config);

    assertThat(config.workloadFile()).as("workload file").isNull();
    assertThat(workload.workload().name()).as("workload").isEqualTo("procurement");
    assertThat(workload.serviceUrls()).as("service URLs").isEqualTo(Map.of("crm", config.crmBaseUrl()));
  }

  @Test
  void with_a_workload_file_the_crm_is_not_required_and_service_urls_come_from_the_environment() throws Exception {
    Path file = Files.writeString(dir.resolve("w.json"), """
        {"name": "desk", "model": "m", "tools": [{"name": "get_order", "parameters": {"type": "object"},
          "service": "orders", "method": "GET", "path": "/orders/{order_id}"}]}
        """);
    Map<String, String> env = new HashMap<>(AgentOptionsTest.fullEnvironment());
    env.remove("HARNESS_CRM_BASE_URL");
    env.put(AgentConfig.WORKLOAD_VARIABLE, file.toString());
    env.put("HARNESS_SERVICE_ORDERS_URL", "http://127.0.0.1:41005/orders");

    AgentConfig config = AgentConfig.fromEnvironment(env);

    assertThat(config.crmBaseUrl()).as("CRM").isNull();
    assertThat(ProcurementAgentMain.workload(config).serviceUrls()).as("service URLs")
        .isEqualTo(Map.of("orders", URI.create("http://127.0.0.1:41005/orders")));
  }

  @Test
  void a_workload_file_the_agent_cannot_run_is_refused_at_start_naming_file_and_field() throws Exception {
    Path file = Files.writeString(dir.resolve("w.json"), "{\"name\": \"desk\", \"tools\": []}");
    Map<String, String> env = new HashMap<>(AgentOptionsTest.fullEnvironment());
    env.put(AgentConfig.WORKLOAD_VARIABLE, file.toString());

    assertThatThrownBy(() -> ProcurementAgentMain.workload(AgentConfig.fromEnvironment(env)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("workload file [" + file + "]: field [model] is missing");
  }

  @Test
  void without_harness_mcp_url_tools_go_over_rest_with_the_default_mcp_timeout() {
    AgentConfig config = AgentConfig.fromEnvironment(AgentOptionsTest.fullEnvironment());

    assertThat(config.toolsOverMcp()).as("tools over MCP").isFalse();
    assertThat(config.mcpToolTimeout()).as("MCP timeout").isEqualTo(Duration.ofMillis(10_000));
  }

  @Test
  void harness_mcp_url_switches_the_tools_to_mcp_with_its_timeout() {
    Map<String, String> env = new HashMap<>(AgentOptionsTest.fullEnvironment());
    env.put(AgentConfig.MCP_URL_VARIABLE, "http://127.0.0.1:41007/mcp");
    env.put(AgentConfig.MCP_TIMEOUT_VARIABLE, "2500");

    AgentConfig config = AgentConfig.fromEnvironment(env);

    assertThat(config.mcpUrl()).as("MCP URL").isEqualTo(URI.create("http://127.0.0.1:41007/mcp"));
    assertThat(config.mcpToolTimeout()).as("MCP timeout").isEqualTo(Duration.ofMillis(2500));
    assertThat(ProcurementAgentMain.tools(config, ProcurementAgentMain.workload(config), null))
        .as("tools").isInstanceOf(McpTools.class);
  }

  @Test
  void a_malformed_mcp_timeout_is_refused_naming_the_variable() {
    Map<String, String> env = new HashMap<>(AgentOptionsTest.fullEnvironment());
    env.put(AgentConfig.MCP_TIMEOUT_VARIABLE, "ten seconds");

    assertThatThrownBy(() -> AgentConfig.fromEnvironment(env))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("HARNESS_MCP_TOOL_TIMEOUT_MS [ten seconds] is not a positive number of milliseconds (for example: "
            + "HARNESS_MCP_TOOL_TIMEOUT_MS=10000)");
  }
}
