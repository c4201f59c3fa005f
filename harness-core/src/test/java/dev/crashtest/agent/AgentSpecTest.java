package dev.crashtest.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentSpecTest {

  @Test
  void an_agent_on_this_host_only_is_refused_as_a_container_with_its_reason_and_keeps_it_through_copies() {
    AgentSpec agent = AgentSpec.command("graph", List.of("node", "agent.mjs")).onThisHostOnly("no Node image here")
        .selectedBy("--agent graph").withFailureHint("no-work-redone", "async checkpoints");

    org.assertj.core.api.Assertions.assertThatThrownBy(agent::inContainer).isInstanceOf(AgentException.class)
        .hasMessage("agent [graph] runs on this host only so far (no Node image here); leave out --backend"
            + " containers for it");
    assertThat(agent.failureHint("no-work-redone")).contains("async checkpoints");
  }

  @Test
  void a_packaged_command_agent_keeps_its_packaging_hints_and_selection_through_copies_and_needs_a_command_there() {
    AgentSpec agent = AgentSpec.command("graph", List.of("node", "agent.mjs")).selectedBy("--agent graph")
        .packagedWith(Map.of("/opt/graph/agent.mjs", Path.of("agent.mjs")), List.of("node", "/opt/graph/agent.mjs"))
        .withFailureHint("no-work-redone", "async checkpoints");

    assertThat(agent.command()).as("command on this host").containsExactly("node", "agent.mjs");
    assertThat(agent.arguments()).as("selected by").isEqualTo("--agent graph");
    assertThat(agent.failureHint("no-work-redone")).contains("async checkpoints");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> agent.packagedWith(Map.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("agent [graph] needs a command to start it in its image");
  }

  @Test
  void a_command_agent_is_reproduced_by_its_command_line_quoted_for_the_shell() {
    AgentSpec agent = AgentSpec.command("mine", List.of("python3", "-u", "my agents/buyer.py", "--say", "it's"));

    assertThat(agent.arguments()).as("arguments")
        .isEqualTo("--agent-cmd 'python3 -u \"my agents/buyer.py\" --say \"it'\\''s\"'");
  }

  @Test
  void a_plain_command_line_needs_no_inner_quotes_and_a_double_quote_is_kept_in_single_ones() {
    assertThat(AgentSpec.command("mine", List.of("./my-agent", "--mode=fast")).arguments()).as("plain")
        .isEqualTo("--agent-cmd './my-agent --mode=fast'");
    assertThat(AgentSpec.command("mine", List.of("sh", "-c", "echo \"hi\"")).arguments()).as("double quote")
        .isEqualTo("--agent-cmd 'sh -c '\\''echo \"hi\"'\\'''");
  }

  @Test
  void the_reproduce_command_of_a_command_agent_is_one_the_command_line_accepts() {
    AgentSpec agent = AgentSpec.command("mine", List.of("python3", "my_agent.py"));
    RunResult result = new RunResult("happy-path", agent.name(), 42L, RunVerdict.PASS, List.of(), null, Map.of(),
        null, Path.of("out"), agent.arguments());

    assertThat(result.reproduce()).as("reproduce")
        .isEqualTo("./crashtest run --scenario happy-path --agent-cmd 'python3 my_agent.py' --seed 42");
  }

  @Test
  void an_image_agent_is_reproduced_by_its_image_and_a_named_agent_by_its_name() {
    assertThat(AgentSpec.image("mine", "my/agent:1.4").arguments()).as("image")
        .isEqualTo("--agent-image my/agent:1.4");
    assertThat(AgentSpec.javaMain("naive", "dev.crashtest.agents.ProcurementAgentMain").selectedBy("--agent naive")
        .arguments()).as("named").isEqualTo("--agent naive");
  }

  @Test
  void a_java_agent_is_reproduced_by_its_java_command_line() {
    AgentSpec agent = AgentSpec.javaMain("mine", List.of(Path.of("/opt/my agent.jar")), "com.example.Main", "--fast");

    assertThat(agent.arguments()).as("arguments")
        .startsWith("--agent-cmd '" + Path.of(System.getProperty("java.home"), "bin", "java"))
        .endsWith(" -cp \"/opt/my agent.jar\" com.example.Main --fast'");
  }
}
