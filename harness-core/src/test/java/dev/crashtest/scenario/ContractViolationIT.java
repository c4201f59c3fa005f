package dev.crashtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.agent.AgentSpec;
import dev.crashtest.env.Environment;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent whose control API answers something other than JSON where the harness must read the task's status
 * gets a run ERROR at once, naming the request and the body: not a wait for the scenario's timeout followed by a
 * FAIL of task-completed that blames the agent's work.
 */
class ContractViolationIT {
  private static final String CONTRACT = "; the contract (docs/agent-contract.md, section 2) asks for {\"taskId\","
      + " \"status\", ...} with Content-Type: application/json";

  private Environment environment;

  @BeforeEach
  void startEnvironment() {
    environment = Environment.embedded().withSeed(11L).start();
  }

  @AfterEach
  void stopEnvironment() {
    environment.close();
  }

  /** The scenarios' default timeout; half of it is "at once" with room for a loaded machine to start the agent. */
  private static final long TIMEOUT_MILLIS = 60_000L;

  @TempDir Path dir;

  @Test
  void a_text_answer_to_post_tasks_is_an_error_at_once_naming_the_body() throws Exception {
    RunResult result = ScenarioRunner.on(environment).writingTo(dir)
        .run(Scenario.named("contract-submit"), brokenAgent("submit-text"), 11L);

    assertThat(result.verdict()).as("verdict; %s", result.error()).isEqualTo(RunVerdict.ERROR);
    assertThat(result.error()).as("error").isEqualTo("the agent answered POST /tasks with 202 and a body that is"
        + " not a JSON object: [accepted]" + CONTRACT);
    assertThat(result.metrics().get(RunMetrics.WALL_TIME_MILLIS)).as("wall time, ms: at once, not the 60 s timeout")
        .isLessThan(TIMEOUT_MILLIS / 2);
  }

  @Test
  void an_html_answer_to_get_task_is_an_error_at_once_naming_the_request_and_the_body()
      throws Exception {
    RunResult result = ScenarioRunner.on(environment).writingTo(dir)
        .run(Scenario.named("contract-status"), brokenAgent("status-html"), 11L);

    assertThat(result.verdict()).as("verdict; %s", result.error()).isEqualTo(RunVerdict.ERROR);
    assertThat(result.error()).as("error").startsWith("the agent answered GET /tasks/")
        .endsWith(" with 200 and a body that is not a JSON object: [<html> <body> <h1>Task dashboard</h1> </body>"
            + " </html>]" + CONTRACT);
    assertThat(result.metrics().get(RunMetrics.WALL_TIME_MILLIS)).as("wall time, ms: at once, not the 60 s timeout")
        .isLessThan(TIMEOUT_MILLIS / 2);
  }

  private static AgentSpec brokenAgent(String mode) throws URISyntaxException {
    Path script = Path.of(ContractViolationIT.class.getResource("/agents/broken_control_agent.py").toURI());
    return AgentSpec.command("broken-" + mode, List.of("python3", "-u", script.toString(), mode));
  }
}
