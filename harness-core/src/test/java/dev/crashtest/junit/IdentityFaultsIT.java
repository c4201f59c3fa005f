package dev.crashtest.junit;

import static dev.crashtest.scenario.Faults.rotateSigningKey;
import static dev.crashtest.scenario.Faults.shortTokenLifetime;
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

/** What the naive agent and the CRM see when the identity provider changes under them. */
class IdentityFaultsIT {
  @RegisterExtension
  static CrashtestExtension crashtest = CrashtestExtension.builder().withSeed(11).build();

  @Test
  void short_token_lifetime_makes_the_naive_agent_exchange_again(ScenarioRunner runner) {
    RunResult normal = runner.run(Scenario.named("happy-path").withTimeout(Duration.ofSeconds(60)),
        CrashtestExtensionIT.NAIVE, 11L);
    Scenario shortLived = Scenario.named("token-expiry-mid-task")
        .withFault(shortTokenLifetime(Duration.ofSeconds(2)))
        .withTimeout(Duration.ofSeconds(60));

    RunResult result = runner.run(shortLived, CrashtestExtensionIT.NAIVE, 11L);

    assertThat(result.error()).as("run error").isNullOrEmpty();
    assertThat(exchanges(result).size()).as("token exchanges with 2 s tokens vs. %s with 300 s tokens",
        exchanges(normal).size()).isGreaterThan(exchanges(normal).size());
    assertThat(exchanges(result)).as("every delegated token lives 2 s").allSatisfy(op ->
        assertThat(op.details()).containsKey("expiresAt"));
    assertThat(result.history().ops()).as("healed when the run ended")
        .anyMatch(op -> op.operation().equals("fault_healed"));
  }

  @Test
  void rotation_with_grace_leaves_the_task_unharmed_and_the_crm_takes_tokens_of_the_new_key(ScenarioRunner runner) {
    Scenario rotation = Scenario.named("signing-key-rotation")
        .withFault(shortTokenLifetime(Duration.ofSeconds(1)))
        .withFault(rotateSigningKey(Duration.ofSeconds(30)).when(taskAwaitsApproval()))
        .withTimeout(Duration.ofSeconds(60));

    RunResult result = runner.run(rotation, CrashtestExtensionIT.NAIVE, 11L);

    List<Op> ops = result.history().ops();
    Op rotated = ops.stream().filter(op -> op.operation().equals("rotate_signing_key")).findFirst().orElseThrow();
    String newKey = (String) rotated.details().get("kid");
    List<Op> after = ops.stream().filter(op -> op.index() > rotated.index()).toList();
    assertThat(after).as("exchanges after the rotation").filteredOn(op -> op.operation().equals("token_exchange")
        && op.type() == OpType.OK).isNotEmpty().allSatisfy(op -> assertThat(op.details()).containsEntry("kid", newKey));
    assertThat(after).as("CRM calls after the rotation").filteredOn(op -> op.service().equals("crm")).isNotEmpty()
        .allSatisfy(op -> assertThat(op.type()).as("%s", op).isEqualTo(OpType.OK));
    assertThat(result.error()).as("run error").isNullOrEmpty();
  }

  private static List<Op> exchanges(RunResult result) {
    return result.history().ops().stream()
        .filter(op -> op.service().equals("identity") && op.operation().equals("token_exchange")).toList();
  }
}
