package dev.crashtest.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import dev.crashtest.env.Environment;
import dev.crashtest.env.containers.ContainerReaper;
import dev.crashtest.history.Vocabulary;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenario.ScenarioRunner;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.DockerClientFactory;

/** A service container that dies makes the run the harness's failure, with the container's log in the run. */
class ServiceContainerDiedIT {
  @RegisterExtension
  static CrashtestExtension crashtest = CrashtestExtension.builder().withSeed(23).withServicesInContainers().build();

  @BeforeAll
  static void docker() {
    DockerTests.requireDocker("ServiceContainerDiedIT");
  }

  @Test
  void a_crm_container_that_dies_mid_run_is_an_error_of_the_environment_not_a_failure_of_the_agent(
      ScenarioRunner runner, Environment environment, @Seed long seed) throws Exception {
    var docker = DockerClientFactory.instance().client();
    Container crm = docker.listContainersCmd()
        .withLabelFilter(Map.of(ContainerReaper.OWNER_LABEL, String.valueOf(ProcessHandle.current().pid())))
        .exec().stream().filter(container -> container.getCommand().contains("CrmServerMain")).findFirst()
        .orElseThrow(() -> new AssertionError("no CRM container of this JVM is running"));
    AtomicBoolean killed = new AtomicBoolean();
    RunResult midRun;
    try (var subscription = environment.history().subscribe(op -> {
      if (op.is("crm", "create_quote") && killed.compareAndSet(false, true)) {
        CompletableFuture.runAsync(() -> docker.killContainerCmd(crm.getId()).withSignal("KILL").exec());
      }
    })) {
      midRun = runner.run(Scenario.named("happy-path").withTimeout(Duration.ofSeconds(60)),
          CrashtestExtensionIT.NAIVE, seed);
    }
    RunResult next = runner.run(Scenario.named("happy-path").withTimeout(Duration.ofSeconds(30)),
        CrashtestExtensionIT.NAIVE, seed);

    assertThat(killed).as("the CRM container was killed as the quote was made").isTrue();
    for (RunResult result : List.of(midRun, next)) {
      assertThat(result.verdict()).as("verdict; %s", result.error()).isEqualTo(RunVerdict.ERROR);
      assertThat(result.error()).startsWith("the [crm] container exited with code 137; its log: ")
          .contains("crm-container.log; its last lines:");
      assertThat(result.directory().resolve("crm-container.log")).as("the container's log, in the run")
          .satisfies(log -> assertThat(Files.readString(log)).isNotBlank());
      assertThat(result.history().select(op -> op.is(Vocabulary.HARNESS, Vocabulary.ENVIRONMENT_FAILED)))
          .as("recorded as the environment's failure").hasSize(1);
    }
  }
}
