package dev.crashtest.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {

  @Test
  void runtime_and_streaming_are_read_from_the_command_line() {
    assertThat(AgentOptions.parse(new String[] {"--runtime", "naive", "--streaming"})).as("options")
        .isEqualTo(new AgentOptions("naive", true));
  }

  @Test
  void runtime_defaults_to_naive_and_plain() {
    assertThat(AgentOptions.parse(new String[0])).as("no arguments").isEqualTo(new AgentOptions("naive", false));
  }

  @Test
  void unknown_runtime_is_refused_with_the_known_ones() {
    assertThatThrownBy(() -> AgentOptions.parse(new String[] {"--runtime", "temporal"}))
        .as("--runtime temporal")
        .hasMessage("unknown runtime [temporal]; known runtimes: naive (for example: --runtime naive)");
  }

  @Test
  void unknown_argument_is_refused_with_the_usage() {
    assertThatThrownBy(() -> AgentOptions.parse(new String[] {"--fast"}))
        .as("--fast")
        .hasMessage("unknown argument [--fast]; usage: --runtime <naive> [--streaming]");
  }

  @Test
  void missing_variable_is_named_with_an_example() {
    Map<String, String> env = new HashMap<>(fullEnvironment());
    env.remove("HARNESS_CRM_BASE_URL");

    assertThatThrownBy(() -> AgentConfig.fromEnvironment(env))
        .as("no HARNESS_CRM_BASE_URL")
        .hasMessage("missing environment variable [HARNESS_CRM_BASE_URL]; see docs/agent-contract.md, section 1 "
            + "(for example: HARNESS_CRM_BASE_URL=http://127.0.0.1:41002)");
  }

  @Test
  void streaming_variable_switches_the_model_to_streaming_and_to_string_hides_the_key() {
    Map<String, String> env = new HashMap<>(fullEnvironment());
    env.put(AgentConfig.STREAMING_VARIABLE, "true");

    AgentConfig config = AgentConfig.fromEnvironment(env);

    assertThat(config.streaming()).as("streaming").isTrue();
    assertThat(config.toString()).as("toString").doesNotContain("model-key");
  }

  static Map<String, String> fullEnvironment() {
    return Map.of(
        "HARNESS_MODEL_BASE_URL", "http://127.0.0.1:1/v1",
        "HARNESS_MODEL_API_KEY", "model-key",
        "HARNESS_CRM_BASE_URL", "http://127.0.0.1:2",
        "HARNESS_IDP_ISSUER", "http://127.0.0.1:3/default",
        "HARNESS_AGENT_CLIENT_ID", "agent-1",
        "HARNESS_AGENT_CLIENT_SECRET_FILE", "/tmp/secret",
        "HARNESS_AGENT_PORT", "41000",
        "HARNESS_STATE_DIR", "/tmp/state");
  }
}
