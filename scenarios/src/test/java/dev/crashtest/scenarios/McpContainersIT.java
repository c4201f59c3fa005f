package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.catalogue.Catalogue;
import dev.crashtest.env.Environment;
import dev.crashtest.history.Op;
import dev.crashtest.junit.DockerTests;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenario.ScenarioRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/**
 * Tools over MCP on the container backend ({@code --backend containers --tools mcp}): the MCP server runs as a
 * container of the services image, behind the {@code mcp} hop, its faults driven over its admin API, its events in
 * the history over HTTP; the Python agent gets the same verdicts as embedded. Needs Docker and the base image ({@code
 * ci/docker.sh && ci/build-base-image.sh}); without them it fails, unless {@code CRASHTEST_CONTAINERS=optional}.
 */
class McpContainersIT {
  private static final long SEED = 2026;

  @TempDir Path out;

  @BeforeAll
  static void docker_is_reachable_or_explicitly_optional() {
    DockerTests.requireDocker("McpContainersIT");
  }

  private RunResult inContainers(Scenario scenario) {
    try (Environment environment = Environment.embedded().withSeed(SEED).withServicesInContainers()
        .withToolsOverMcp().start()) {
      return ScenarioRunner.on(environment).writingTo(out).run(scenario, Agents.python(), SEED);
    }
  }

  @Test
  void the_python_agent_passes_the_happy_path_with_its_tools_from_an_mcp_server_in_a_container() {
    RunResult happy;
    try (Environment environment = Environment.embedded().withSeed(SEED).withServicesInContainers()
        .withToolsOverMcp().start()) {
      assertThat(ourContainers()).as("proxy, identity provider, model, CRM and MCP server").hasSize(5);
      assertThatThrownBy(environment::mcpServer).as("no MCP server object in this JVM")
          .hasMessage("the services run in containers, not in this JVM: use mcpService()");
      happy = ScenarioRunner.on(environment).writingTo(out).run(Catalogue.happyPath(), Agents.python(), SEED);
    }

    assertThat(happy.verdict()).as("%s %s", happy.violations(), happy.error()).isEqualTo(RunVerdict.PASS);
    assertThat(happy.history().select(op -> op.is("mcp", "tools_call"))).as("tool calls over MCP").hasSize(4);
    List<Op> orders = happy.history().select(op -> op.is("crm", "place_order"));
    assertThat(orders).as("the order").hasSize(1);
    assertThat(orders.get(0).list("via")).as("made through the MCP server").containsExactly("mcp-server");
    assertThat(happy.reproduce()).as("reproduce").contains("--tools mcp");
    assertThat(ourContainers()).as("containers of this JVM left").isEmpty();
  }

  @Test
  void mcp_faults_reach_the_server_and_the_model_in_containers_through_their_admin_apis() {
    RunResult expired = inContainers(Catalogue.named("mcp-session-expired").orElseThrow());
    RunResult changed = inContainers(Catalogue.named("mcp-tools-changed").orElseThrow());

    assertThat(expired.verdict()).as("session expired: %s %s", expired.violations(), expired.error())
        .isEqualTo(RunVerdict.PASS);
    assertThat(expired.history().select(op -> op.is("mcp", "session_missing"))).as("a 404 on the forgotten session")
        .isNotEmpty();
    assertThat(expired.history().select(op -> op.is("mcp", "initialize"))).as("initialized again").hasSizeGreaterThan(1);
    assertThat(changed.verdict()).as("tools changed: %s %s", changed.violations(), changed.error())
        .isEqualTo(RunVerdict.PASS);
    assertThat(changed.history().select(op -> op.is("mcp", "notification"))).as("list_changed sent").isNotEmpty();
    assertThat(changed.history().select(op -> op.is("mcp", "tools_call")
        && "submit_order".equals(op.text("tool")))).as("the order placed by the tool's new name").hasSize(1);
    assertThat(ourContainers()).as("containers of this JVM left").isEmpty();
  }

  @Test
  void the_command_line_runs_tools_over_mcp_on_the_container_backend() throws Exception {
    Console run = Console.capture(() -> CrashtestCli.execute("run", "--backend", "containers", "--tools", "mcp",
        "--scenario", "happy-path", "--agent", "naive", "--seed", "42", "--out", out.resolve("cli").toString()));

    assertThat(run.code()).as("exit code; output:%n%s%s", run.out(), run.err()).isEqualTo(0);
    assertThat(run.out()).as("output").contains("happy-path × naive").contains("→ PASS");
    assertThat(Files.readString(out.resolve("cli/happy-path--naive/history.jsonl")))
        .as("the MCP server's events, from its container").contains("\"service\":\"mcp\"")
        .contains("\"operation\":\"tools_call\"");
    assertThat(ourContainers()).as("containers of this JVM left").isEmpty();
  }

  private static List<String> ourContainers() {
    return DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of("dev.crashtest.owner-pid", String.valueOf(ProcessHandle.current().pid()))).exec()
        .stream().map(container -> container.getId()).toList();
  }
}
