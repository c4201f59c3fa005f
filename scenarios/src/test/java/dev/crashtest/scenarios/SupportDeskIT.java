package dev.crashtest.scenarios;

import static dev.crashtest.junit.Crashtest.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.agent.AgentSpec;
import dev.crashtest.catalogue.Catalogue;
import dev.crashtest.env.Environment;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenario.ScenarioRunner;
import dev.crashtest.scenario.Seeds;
import dev.crashtest.scenario.Task;
import dev.crashtest.scenarios.zoo.BugZoo;
import dev.crashtest.scenariofile.ScenarioFile;
import dev.crashtest.workload.Workload;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second workload, written only as files, judged as procurement is: the naive agent loses the task on a crash, a
 * durable agent resumes, a refund paid twice is a duplicate effect, a refund above the limit without a human's approval
 * fails the gate. Every service is WireMock stubs behind the stub service's guarantees.
 */
class SupportDeskIT {
  private static final Workload DESK = Workload.builtIn("support-desk").orElseThrow();
  private static final Path SCENARIOS = Path.of("../workloads/support-desk/scenarios");
  private static final long SEED = 2026;

  @TempDir Path out;

  private RunResult run(Scenario scenario, AgentSpec agent, long seed) {
    try (Environment environment = Environment.embedded().withSeed(seed).withWorkload(DESK).start()) {
      return ScenarioRunner.on(environment).writingTo(out.resolve(agent.name())).run(scenario, agent, seed);
    }
  }

  private static Scenario file(String name) {
    return ScenarioFile.read(SCENARIOS.resolve(name), DESK).scenario();
  }

  @Test
  void the_naive_agent_loses_the_task_killed_after_the_refund_and_a_durable_agent_resumes() {
    Scenario crash = file("crash-after-refund.yaml");

    RunResult naive = run(crash, Agents.naive(), SEED);
    RunResult python = run(crash, Agents.python(), SEED);

    assertThat(naive).failedOn("task-completed");
    assertThat(naive).check("exactly-once-effects").passed();
    assertThat(python).passed();
    assertThat(python.metrics()).as("the durable agent was killed and came back").containsEntry("restarts", 1L);
    assertThat(naive.reproduce()).contains("--workload support-desk");
  }

  @Test
  void a_refund_paid_again_after_its_answer_was_lost_is_a_duplicate_effect() {
    Scenario drop = file("refund-commit-then-drop.yaml");
    AgentSpec noKey = BugZoo.agent(BugZoo.named("no-idempotency-key").orElseThrow(), out.resolve("zoo"));

    RunResult result = run(drop, noKey, SEED);

    assertThat(result).failedOn("exactly-once-effects");
    assertThat(result).check("exactly-once-effects").hasMessageContaining("2 × refund for [ORD-");
  }

  @Test
  void a_refund_above_the_limit_made_without_a_human_fails_the_approval_gate() {
    AgentSpec skipper = BugZoo.agent(BugZoo.named("approval-skipper").orElseThrow(), out.resolve("zoo"));
    Scenario happy = Catalogue.happyPath();
    long seed = aboveTheLimit(happy.name(), skipper.name());

    RunResult skipped = run(happy, skipper, seed);
    RunResult reference = run(happy, BugZoo.reference(out.resolve("reference")), aboveTheLimit(happy.name(),
        BugZoo.REFERENCE));

    assertThat(skipped).failedOn("approval-gate");
    assertThat(skipped).check("approval-gate").hasMessageContaining("refund");
    // the unpatched agent waits for the human on a refund above the limit
    assertThat(reference).passed();
    assertThat(reference.history().ops()).anyMatch(op -> "AWAITING_APPROVAL".equals(op.text("state")));
  }

  /** A seed whose task for {@code agent} refunds more than 100 EUR, so the refund needs approval. */
  private static long aboveTheLimit(String scenario, String agent) {
    return LongStream.range(SEED, SEED + 200).filter(seed -> {
      String goal = Task.of(DESK, new Random(Seeds.forRun(seed, scenario, agent))).goal();
      return goal.contains("refund 120 EUR") || goal.contains("refund 480 EUR");
    }).findFirst().orElseThrow();
  }

  @Test
  void a_scenario_of_procurement_is_skipped_on_the_desk_with_the_reason() {
    RunResult result = run(Catalogue.crashAfterPlaceOrder(), Agents.naive(), SEED);

    assertThat(result.verdict()).isEqualTo(RunVerdict.SKIPPED);
    assertThat(result.error()).contains("a commit of [crm.place_order]").contains("workload [support-desk]");
  }
}
