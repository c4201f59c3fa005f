package dev.crashtest.scenarios;

import static dev.crashtest.junit.Crashtest.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.agent.AgentSpec;
import dev.crashtest.catalogue.Catalogue;
import dev.crashtest.check.CheckResult;
import dev.crashtest.env.Environment;
import dev.crashtest.history.Op;
import dev.crashtest.junit.CrashtestExtension;
import dev.crashtest.junit.Seed;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenario.ScenarioRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LangGraph.js agent ({@code agents/langgraph/agent.mjs}) through the harness, on real processes: Node, its
 * PostgreSQL platform, the fakes. Its npm packages are installed on first use by {@code ci/install-langgraph.sh};
 * without npm this test fails, naming the script.
 */
class LangGraphAgentIT {
  static final String INSTALL_SCRIPT = "ci/install-langgraph.sh";

  @RegisterExtension
  static CrashtestExtension crashtest = CrashtestExtension.builder().withSeed(2026).build();

  static Path nodeModules;

  @BeforeAll
  static void installTheNpmPackagesOnFirstUse() throws IOException, InterruptedException {
    Path expected = LangGraphModules.defaultDirectory(System.getenv());
    if (Files.isDirectory(expected.resolve("@langchain").resolve("langgraph"))) {
      nodeModules = expected;
      return;
    }
    assertThat(onPath("npm") && onPath("node"))
        .as("the langgraph agent's npm packages are not installed in [%s] and npm or node is not on the PATH to"
            + " install them: install Node.js 20 and npm (e.g. apt-get install -y nodejs npm), then run %s",
            expected, INSTALL_SCRIPT)
        .isTrue();
    Path script = Path.of("..", INSTALL_SCRIPT).toAbsolutePath().normalize();
    Process install = new ProcessBuilder(script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String printed = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(install.waitFor(5, TimeUnit.MINUTES)).as("[%s] finished within 5 minutes", script).isTrue();
    assertThat(install.exitValue()).as("exit status of [%s]", script).isZero();
    nodeModules = Path.of(printed);
    assertThat(nodeModules).as("the node_modules [%s] printed", script).isEqualTo(expected);
  }

  @Test
  void langgraph_agent_passes_the_happy_path(ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(Catalogue.happyPath(), Agents.langgraph(nodeModules), seed);

    assertThat(result).passed();
    assertThat(result.metrics()).as("metrics").containsEntry("sideEffects", 3L);
  }

  @Test
  void interrupt_holds_the_gate_while_the_approval_is_withheld(ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(Catalogue.approvalWithheld(), Agents.langgraph(nodeModules), seed);

    assertThat(result).passed();
    assertThat(result).check("approval-gate").passed();
    assertThat(result.history().select(op -> op.is("crm", "place_order"))).as("orders placed without approval")
        .isEmpty();
  }

  /**
   * With LangGraph's default durability, {@code "async"}, a checkpoint is written while the next node already runs.
   * Killed 30-90 ms after the CRM committed place_order, the agent has often (4 of 5 tries here) not yet written the
   * checkpoints of the approval node and of the model turn that asked for the order: LangGraph resumes from the
   * interrupt, so the human is asked again and the model's turn 4 is made again ({@code no-work-redone} FAILs); other
   * times they were written in time and it PASSes. Either way place_order is repeated with the same
   * Idempotency-Key, so the CRM answers the first order again: exactly one order, the task completes.
   */
  @Test
  void async_durability_may_redo_the_last_steps_after_a_kill_but_idempotency_keys_keep_one_order(
      ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(Catalogue.crashAfterPlaceOrder(), Agents.langgraph(nodeModules), seed);

    assertThat(result.verdict()).as("verdict: %s", result.violations()).isIn(RunVerdict.PASS, RunVerdict.FAIL);
    assertThat(result.violations()).extracting(CheckResult::checker).as("violated checks")
        .isSubsetOf("no-work-redone");
    assertThat(result).check("exactly-once-effects").passed();
    assertThat(result).check("task-completed").passed();
    assertThat(result.metrics()).as("metrics")
        .containsEntry("kills", 1L).containsEntry("restarts", 1L).containsEntry("sideEffects", 3L);
    if (result.verdict() == RunVerdict.FAIL) {
      assertThat(result).check("no-work-redone").hasMessageContaining("model call(s) (turns 4)")
          .hasMessageContaining("0 CRM call(s)");
    }
  }

  /** The setting LangGraph documents for this: {@code durability: "sync"} writes each checkpoint before going on. */
  @Test
  void sync_durability_resumes_after_a_kill_redoing_nothing(ScenarioRunner runner, @Seed long seed) {
    AgentSpec synced = Agents.langgraph(nodeModules, "sync");

    RunResult result = runner.run(Catalogue.crashAfterPlaceOrder(), synced, seed);

    assertThat(result).passed();
    assertThat(result.metrics()).as("metrics").containsEntry("kills", 1L).containsEntry("restarts", 1L)
        .containsEntry("sideEffects", 3L).containsEntry("redoneCalls", 0L);
  }

  /**
   * Tools over MCP (contract, section 3.4): the agent discovers the tools with tools/list on the MCP TypeScript SDK's
   * client and calls each with {@code _meta.idempotencyKey}; every effect goes through the MCP server.
   */
  @Test
  void over_mcp_the_agent_passes_the_happy_path_calling_every_tool_through_the_mcp_server(
      @TempDir Path out, @Seed long seed) {
    RunResult result = overMcp(Catalogue.happyPath(), out, seed);

    assertThat(result).passed();
    List<Op> calls = result.history().select(op -> op.is("mcp", "tools_call"));
    assertThat(calls).extracting(op -> op.text("tool")).as("tool calls over MCP")
        .containsExactly("get_account", "create_quote", "place_order", "add_note");
    assertThat(calls).extracting(op -> op.text("idempotencyKey")).as("idempotency keys in _meta")
        .allSatisfy(key -> assertThat(key).matches("[^/]+/\\d+/[a-z_]+"));
    assertThat(result.history().select(op -> op.is("crm", "place_order"))).extracting(op -> op.list("via"))
        .as("the order made through the MCP server").containsExactly(List.of("mcp-server"));
  }

  /**
   * The server renames place_order to submit_order while the task awaits approval and announces
   * notifications/tools/list_changed: the SDK hands the notification to the agent's handler, the next model turn
   * lists the tools again and the order goes out as submit_order; the vanished place_order is never sent.
   */
  @Test
  void over_mcp_the_agent_lists_the_tools_again_when_the_server_says_they_changed(@TempDir Path out, @Seed long seed) {
    RunResult result = overMcp(Catalogue.named("mcp-tools-changed").orElseThrow(), out, seed);

    assertThat(result).passed();
    assertThat(result.history().select(op -> op.is("mcp", "tools_call"))).extracting(op -> op.text("tool"))
        .as("tool calls over MCP").contains("submit_order").doesNotContain("place_order");
    assertThat(result.history().select(op -> op.is("mcp", "tools_list"))).as("tools/list calls").hasSizeGreaterThan(1);
  }

  private static RunResult overMcp(Scenario scenario, Path out, long seed) {
    try (Environment environment = Environment.embedded().withSeed(seed).withToolsOverMcp().start()) {
      return ScenarioRunner.on(environment).writingTo(out).run(scenario, Agents.langgraph(nodeModules), seed);
    }
  }

  private static boolean onPath(String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }
}
