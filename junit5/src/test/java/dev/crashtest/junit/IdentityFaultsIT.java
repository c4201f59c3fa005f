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
    List<Op> newTokens = after.stream()
        .filter(op -> op.operation().equals("token_exchange") && op.type() == OpType.OK).toList();
    assertThat(newTokens).as("exchanges after the rotation").isNotEmpty()
        .allSatisfy(op -> assertThat(op.details()).containsEntry("kid", newKey));
    List<Object> newTokenIds = newTokens.stream().map(op -> op.details().get("jti")).toList();
    List<Op> crmCalls = after.stream().filter(op -> op.service().equals("crm")).toList();
    assertThat(crmCalls).as("CRM calls with a token signed by the new key")
        .anyMatch(op -> op.type() == OpType.OK && newTokenIds.contains(op.details().get("tokenId")));
    // One-second tokens may expire between exchange and use (exp has whole seconds): the agent exchanges again.
    // What the rotation must never cause is a refusal of the signature or the key.
    assertThat(crmCalls).as("CRM refusals after the rotation").filteredOn(op -> op.type() != OpType.OK)
        .allSatisfy(op -> assertThat((String) op.details().get("reason")).as("%s", op).contains("Expired JWT"));
    assertThat(result.error()).as("run error").isNullOrEmpty();
  }

  private static List<Op> exchanges(RunResult result) {
    return result.history().ops().stream()
        .filter(op -> op.service().equals("identity") && op.operation().equals("token_exchange")).toList();
  }
}
