package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.agent.AgentSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class UserAgentsTest {
  private final CommandLine commandLine = new CommandLine(new CrashtestCli());

  @Test
  void an_image_agent_is_named_after_its_repository_and_reproduced_by_its_image() {
    AgentSpec agent = UserAgents.fromImage("registry.example:5000/team/Order_Agent:1.4", commandLine);

    assertThat(agent.name()).isEqualTo("order_agent");
    assertThat(agent.image()).contains("registry.example:5000/team/Order_Agent:1.4");
    assertThat(agent.arguments()).isEqualTo("--agent-image registry.example:5000/team/Order_Agent:1.4");
  }

  @Test
  void a_command_agent_is_named_after_its_script_and_keeps_quoted_words_together() {
    AgentSpec agent = UserAgents.fromCommand("python3 -u 'my agents/buyer.py'", commandLine);

    assertThat(agent.name()).isEqualTo("buyer");
    assertThat(agent.command()).containsExactly("python3", "-u", "my agents/buyer.py");
    assertThat(agent.arguments()).isEqualTo("--agent-cmd 'python3 -u '\\''my agents/buyer.py'\\'''");
    assertThat(agent.image()).isEmpty();
  }

  @Test
  void an_empty_command_is_a_usage_error_with_an_example() {
    assertThatThrownBy(() -> UserAgents.fromCommand("  ", commandLine))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessage("--agent-cmd needs a command line, e.g. --agent-cmd \"python3 my_agent.py\"");
  }

  @Test
  void a_command_agent_cannot_go_in_a_container_and_says_what_to_do() {
    assertThatThrownBy(() -> Backend.CONTAINERS.place(List.of(AgentSpec.command("mine", List.of("./run.sh")))))
        .hasMessage("agent [mine] is a command on this machine [./run.sh], not an image: build an image of it and"
            + " run it with --agent-image (AgentSpec.image(...))");
  }

  @Test
  void an_unknown_backend_is_a_usage_error() {
    assertThatThrownBy(() -> Backend.parse("kubernetes", commandLine))
        .hasMessage("unknown backend [kubernetes]; use --backend embedded or --backend containers");
  }
}
