package dev.crashtest.junit;

import static dev.crashtest.scenario.Faults.shortTokenLifetime;
import static dev.crashtest.scenario.Faults.withdrawScope;
import static dev.crashtest.scenario.Triggers.taskAwaitsApproval;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenario.ScenarioRunner;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A withdrawn scope is permanent in the provider, so this run gets an environment of its own. */
class ScopeWithdrawnIT {
  @RegisterExtension
  static CrashtestExtension crashtest = CrashtestExtension.builder().withSeed(11).build();

  @Test
  void writes_after_crm_write_is_withdrawn_are_refused_for_insufficient_scope(ScenarioRunner runner) {
    Scenario withdrawn = Scenario.named("scope-withdrawn")
        .withFault(shortTokenLifetime(Duration.ofSeconds(1)))
        .withFault(withdrawScope("crm.write").when(taskAwaitsApproval()))
        .withTimeout(Duration.ofSeconds(30));

    RunResult result = runner.run(withdrawn, CrashtestExtensionIT.NAIVE, 11L);

    List<Op> ops = result.history().ops();
    Op withdrawal = ops.stream().filter(op -> op.operation().equals("withdraw_scope")).findFirst().orElseThrow();
    List<Op> after = ops.stream().filter(op -> op.index() > withdrawal.index()).toList();
    assertThat(after).as("exchanges after the withdrawal")
        .filteredOn(op -> op.operation().equals("token_exchange") && op.type() == OpType.OK).isNotEmpty()
        .allSatisfy(op -> assertThat(op.details()).containsEntry("scope", "crm.read"));
    // One-second tokens may expire between exchange and use (a 401 "Expired JWT", and the agent exchanges again);
    // every other write after the withdrawal is refused for its scope.
    List<Op> writes = after.stream()
        .filter(op -> op.service().equals("crm") && "POST".equals(op.details().get("method")))
        .filter(op -> !String.valueOf(op.details().get("reason")).contains("Expired JWT")).toList();
    assertThat(writes).as("CRM writes after the withdrawal").isNotEmpty()
        .allSatisfy(op -> assertThat(op.details()).containsEntry("status", 403)
            .containsEntry("error", "insufficient_scope"));
  }
}
