package dev.crashtest.scenarios;

import static dev.crashtest.junit.Crashtest.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.catalogue.Catalogue;
import dev.crashtest.history.Op;
import dev.crashtest.junit.CrashtestExtension;
import dev.crashtest.junit.Seed;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenario.ScenarioRunner;
import dev.crashtest.scenarios.zoo.BugZoo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The fault scenarios: the reference agent survives them, and each bug of the zoo they claim is caught by the right check. */
class FaultCatalogueIT {

  @RegisterExtension
  static CrashtestExtension crashtest = CrashtestExtension.builder().withSeed(303).build();

  @Test
  void reference_agent_waits_out_a_model_outage_and_completes(ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(Catalogue.modelOutageMidPlan(), Agents.naive(), seed);

    assertThat(result).passed();
    Op injected = first(result, op -> op.operation().equals("fault_injected"));
    Op healed = first(result, op -> op.operation().equals("fault_healed"));
    // At least the declared 5 s; the upper bound only proves the outage was healed by its own timer, not at the end
    // of the run, with room for a loaded machine.
    assertThat(healed.timeMillis() - injected.timeMillis()).as("outage length in ms").isBetween(5_000L, 30_000L);
    assertThat(result.history().select(op -> op.service().equals("model") && op.index() > injected.index()
        && op.index() < healed.index())).as("no model call got through during the outage").isEmpty();
  }

  @Test
  void reference_agent_waits_as_told_through_a_429_storm(ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(Catalogue.model429Storm(), Agents.naive(), seed);

    assertThat(result).passed();
    assertThat(result.history().select(op -> op.service().equals("model") && op.number("status", 0) == 429))
        .as("three throttled model calls").hasSize(3);
  }

  @Test
  void reference_agent_asks_again_after_a_cut_stream(ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(Catalogue.modelStreamCut(), Agents.naiveStreaming(), seed);

    assertThat(result).passed();
    assertThat(result.history().select(op -> "stream_cut".equals(op.text("fault")))).as("cut answers").hasSize(1);
  }

  @Test
  void reference_agent_retries_a_dropped_order_with_the_same_key(ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(Catalogue.crmCommitThenDrop(), Agents.naive(), seed);

    assertThat(result).passed();
    List<Op> orders = result.history().select(op -> op.is("crm", "place_order"));
    assertThat(orders).as("dropped, then replayed").hasSize(2);
    assertThat(orders.get(0).flag("responseDropped")).isTrue();
    assertThat(orders.get(1).flag("replayed")).isTrue();
    assertThat(result.metrics()).as("one quote, one order, one note").containsEntry("sideEffects", 3L);
  }

  @Test
  void reference_agent_reconnects_after_losing_its_network_with_an_order_in_flight(
      ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(Catalogue.agentNetworkDisconnect(), Agents.naive(), seed);

    assertThat(result).passed();
    Op injected = first(result, op -> op.operation().equals("fault_injected"));
    Op healed = first(result, op -> op.operation().equals("fault_healed"));
    assertThat(injected.text("fault")).startsWith("agent disconnected from every service");
    assertThat(result.history().select(op -> op.index() > injected.index() && op.index() < healed.index()
        && List.of("model", "crm", "identity").contains(op.service())))
        .as("nothing reached a service while the agent was disconnected").isEmpty();
    List<Op> orders = result.history().select(op -> op.is("crm", "place_order"));
    assertThat(orders).as("committed before the disconnect, replayed after it").hasSize(2);
    assertThat(orders.get(1).flag("replayed")).isTrue();
    assertThat(result.metrics()).as("one quote, one order, one note").containsEntry("sideEffects", 3L);
  }

  @Test
  void reference_agent_survives_crm_latency_and_a_slow_token_endpoint(ScenarioRunner runner, @Seed long seed) {
    assertThat(runner.run(Catalogue.crmLatencySpike(), Agents.naive(), seed)).passed();
    assertThat(runner.run(Catalogue.idpSlowTokenExchange(), Agents.naive(), seed)).passed();
  }

  @Test
  void reference_agent_ends_the_task_with_the_reason_when_the_context_overflows(
      ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(Catalogue.modelContextOverflow(), Agents.naive(), seed);

    assertThat(result).passed();
    assertThat(result).check("task-ended").hasMessageStartingWith("the task failed cleanly: ")
        .hasMessageContaining("context_length_exceeded");
  }

  @Test
  void agent_ignoring_retry_after_is_caught(ScenarioRunner runner, @Seed long seed, @TempDir Path dir)
      throws Exception {
    RunResult result = runner.run(Catalogue.model429Storm(),
        BugZoo.agent(BugZoo.named("ignores-retry-after").orElseThrow(), dir), seed);

    assertThat(result).check("task-completed").passed();
    assertThat(result).check("retry-after-honoured").failed()
        .hasMessageStartingWith("the agent ignored Retry-After: op #")
        .hasMessageContaining("after a 429 asking for 1 s");
  }

  @Test
  void agent_without_idempotency_keys_is_caught_ordering_twice_after_a_dropped_answer(
      ScenarioRunner runner, @Seed long seed, @TempDir Path dir) throws Exception {
    RunResult result = runner.run(Catalogue.crmCommitThenDrop(),
        BugZoo.agent(BugZoo.named("no-idempotency-key").orElseThrow(), dir), seed);

    assertThat(result).hasVerdict(RunVerdict.FAIL);
    assertThat(result).check("exactly-once-effects")
        .hasMessageMatching("effect duplicated: 2 × order for \\[[A-Z]+-\\d{3}\\] in the CRM \\(O-0001 at op #\\d+,"
            + " O-0002 at op #\\d+\\); send the same Idempotency-Key when repeating a write");
  }

  private static Op first(RunResult result, java.util.function.Predicate<Op> filter) {
    return result.history().select(filter).get(0);
  }
}
