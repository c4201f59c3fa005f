package dev.crashtest.junit;

import static dev.crashtest.scenario.Faults.killAgent;
import static dev.crashtest.scenario.Triggers.agentEnters;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.agent.AgentSpec;
import dev.crashtest.check.CheckResult;
import dev.crashtest.env.Environment;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenario.ScenarioRunner;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CrashtestExtensionIT {
  static final AgentSpec NAIVE =
      AgentSpec.javaMain("naive", "dev.crashtest.agents.ProcurementAgentMain", "--runtime", "naive");

  @RegisterExtension
  static CrashtestExtension crashtest = CrashtestExtension.builder().withSeed(11).build();

  @Test
  void naive_agent_completes_the_task_when_nothing_fails(ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(Scenario.named("happy-path"), NAIVE, seed);

    assertThat(result.verdict()).as("verdict; checks %s; error %s", result.checks(), result.error())
        .isEqualTo(RunVerdict.PASS);
    assertThat(result.metrics()).as("metrics").containsEntry("sideEffects", 3L).containsEntry("modelCalls", 6L);
    assertThat(Files.exists(result.directory().resolve("history.jsonl"))).as("history saved").isTrue();
    assertThat(result.seed()).isEqualTo(11L);
  }

  @Test
  void naive_agent_killed_before_create_quote_loses_the_task(ScenarioRunner runner, Environment env) {
    Scenario crash = Scenario.named("crash-before-create-quote")
        .withFault(killAgent().when(agentEnters("create_quote")).restartAfter(Duration.ofMillis(100)))
        .withTimeout(Duration.ofSeconds(30));

    RunResult result = runner.run(crash, NAIVE, 11L);

    assertThat(result.verdict()).as("verdict; error %s", result.error()).isEqualTo(RunVerdict.FAIL);
    assertThat(result.violations()).extracting(CheckResult::checker).containsExactly("task-completed");
    assertThat(result.violations().get(0).message()).as("message").contains("lost: after the agent restarted");
    assertThat(result.metrics()).as("metrics").containsEntry("kills", 1L).containsEntry("restarts", 1L)
        .containsEntry("sideEffects", 0L);
    assertThat(env.crm().audit()).as("the CRM never saw a quote").noneMatch(r -> r.effect() != null && "quote".equals(r.effect().type()));
  }
}
