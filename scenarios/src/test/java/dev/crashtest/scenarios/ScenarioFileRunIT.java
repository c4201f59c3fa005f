package dev.crashtest.scenarios;

import static dev.crashtest.scenario.Faults.killAgent;
import static dev.crashtest.scenario.Triggers.crmCommitted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.catalogue.Catalogue;
import dev.crashtest.history.Op;
import dev.crashtest.history.Vocabulary;
import dev.crashtest.junit.CrashtestExtension;
import dev.crashtest.junit.Seed;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenario.ScenarioRunner;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A scenario read from its file runs as the same scenario written in the Java DSL: same verdict, same operations. */
class ScenarioFileRunIT {
  private static final Set<String> AGENT_FACING = Set.of(Vocabulary.MODEL, Vocabulary.CRM, Vocabulary.IDENTITY);

  @RegisterExtension
  static CrashtestExtension crashtest = CrashtestExtension.builder().withSeed(2026).build();

  @Test
  void the_built_in_file_and_the_java_dsl_give_the_same_run_for_the_same_seed(ScenarioRunner runner,
      @Seed long seed) {
    Scenario fromJava = Scenario.named("crash-after-place-order")
        .describedAs("kill -9 right after the CRM committed place_order, before the agent heard back; restart.")
        .withFault(killAgent().when(crmCommitted("place_order")).restartAfter(Duration.ofMillis(200)))
        .withTimeout(Duration.ofSeconds(30));
    Scenario fromFile = Catalogue.crashAfterPlaceOrder();
    assertThat(fromFile).isEqualTo(fromJava);

    // one environment serves the class: a second run under the same name and seed would meet its own task's
    // idempotency keys in the CRM, so the Java twin runs under its own name
    RunResult java = runner.run(fromJava.renamed("crash-after-place-order-java-dsl"), Agents.naive(), seed);
    RunResult file = runner.run(fromFile, Agents.naive(), seed);

    assertThat(file.verdict()).isEqualTo(java.verdict());
    assertThat(file.violations()).extracting(check -> check.checker())
        .isEqualTo(java.violations().stream().map(check -> check.checker()).toList());
    assertThat(operations(file)).as("the agent-facing operations, in order").isEqualTo(operations(java))
        .isNotEmpty();
  }

  private static List<String> operations(RunResult result) {
    return result.history().ops().stream().filter(op -> AGENT_FACING.contains(op.service()))
        .filter(op -> op.type() != dev.crashtest.history.OpType.INVOKE)
        .map(ScenarioFileRunIT::describe).toList();
  }

  private static String describe(Op op) {
    return op.service() + ":" + op.operation() + ":" + op.type();
  }
}
