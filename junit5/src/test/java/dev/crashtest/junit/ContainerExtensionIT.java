package dev.crashtest.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.agent.AgentSpec;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenario.ScenarioRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit extension on the container backend: services, proxy and agent as containers, the same verdict. */
class ContainerExtensionIT {
  @RegisterExtension
  static CrashtestExtension crashtest = CrashtestExtension.builder().withSeed(21).withServicesInContainers().build();

  @BeforeAll
  static void docker() {
    DockerTests.requireDocker("ContainerExtensionIT");
  }

  @Test
  void naive_agent_in_a_container_completes_the_happy_path_against_services_in_containers(ScenarioRunner runner,
      @Seed long seed) {
    AgentSpec naive = CrashtestExtensionIT.NAIVE.inContainer();

    RunResult result = runner.run(Scenario.named("happy-path"), naive, seed);

    assertThat(result.verdict()).as("%s %s", result.violations(), result.error()).isEqualTo(RunVerdict.PASS);
    assertThat(result.history().select(op -> op.is("crm", "place_order"))).as("the CRM's events, over HTTP")
        .hasSize(1);
    assertThat(result.reproduce()).as("reproduce: the image built here")
        .contains(" --agent-image crashtest/agent-naive").endsWith(" --seed 21");
  }
}
