package dev.crashtest.scenarios;

import static dev.crashtest.junit.Crashtest.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.agent.AgentSpec;
import dev.crashtest.catalogue.Catalogue;
import dev.crashtest.env.Environment;
import dev.crashtest.history.Op;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenario.ScenarioRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tools over MCP ({@code --tools mcp}): the reference agents survive every MCP scenario, the naive agent's crash
 * failures are the same as over REST, effects made through MCP are attributed to agent and user via the MCP server,
 * and an MCP scenario where tools are REST is SKIPPED with the reason.
 */
class McpScenariosIT {
  private static final long SEED = 2026;
  private static final List<String> MCP_SCENARIOS = List.of("mcp-session-expired", "mcp-server-restart",
      "mcp-tools-changed", "mcp-auth-expired", "mcp-stream-dropped", "mcp-slow-tool", "mcp-tool-error");

  @TempDir Path out;

  private RunResult overMcp(Scenario scenario, AgentSpec agent) {
    try (Environment environment = Environment.embedded().withSeed(SEED).withToolsOverMcp().start()) {
      return ScenarioRunner.on(environment).writingTo(out.resolve("mcp")).run(scenario, agent, SEED);
    }
  }

  @Test
  void the_python_agent_survives_every_mcp_scenario() {
    List<String> verdicts = MCP_SCENARIOS.stream().map(name -> name + ": "
        + overMcp(Catalogue.named(name).orElseThrow(), Agents.python()).verdict()).toList();

    assertThat(verdicts).as("verdicts of the python agent over MCP")
        .allSatisfy(verdict -> assertThat(verdict).endsWith(": PASS")).hasSize(MCP_SCENARIOS.size());
  }

  @Test
  void the_naive_agent_loses_the_task_on_a_crash_over_mcp_as_over_rest_and_effects_name_agent_user_and_server() {
    RunResult crash = overMcp(Catalogue.crashAfterPlaceOrder(), Agents.naive());
    RunResult happy = overMcp(Catalogue.happyPath(), Agents.naive());

    assertThat(crash).failedOn("task-completed");
    assertThat(happy).passed();
    List<Op> orders = happy.history().select(op -> op.is("crm", "place_order"));
    assertThat(orders).as("the order").hasSize(1);
    assertThat(orders.get(0).actor()).as("attributed to the agent").isEqualTo("naive-agent");
    assertThat(orders.get(0).text("user")).as("for the user").isEqualTo("alice");
    assertThat(orders.get(0).list("via")).as("made through the MCP server").containsExactly("mcp-server");
    assertThat(happy.history().select(op -> op.is("mcp", "tools_call"))).as("tool calls over MCP").hasSize(4);
    assertThat(crash.reproduce()).contains("--tools mcp");
  }

  @Test
  void an_mcp_scenario_where_tools_are_rest_is_skipped_with_the_reason() {
    try (Environment environment = Environment.embedded().withSeed(SEED).start()) {
      RunResult result = ScenarioRunner.on(environment).writingTo(out.resolve("rest"))
          .run(Catalogue.named("mcp-session-expired").orElseThrow(), Agents.naive(), SEED);

      assertThat(result.verdict()).isEqualTo(RunVerdict.SKIPPED);
      assertThat(result.error()).contains("run it with --tools mcp");
    }
  }
}
