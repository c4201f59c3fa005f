package dev.crashtest.junit;

import static dev.crashtest.scenario.Faults.revokeDelegation;
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

/** A revocation is permanent in the provider, so this run gets an environment of its own. */
class DelegationRevokedIT {
  @RegisterExtension
  static CrashtestExtension crashtest = CrashtestExtension.builder().withSeed(11).build();

  @Test
  void no_crm_write_succeeds_after_the_user_revokes_the_delegation(ScenarioRunner runner) {
    Scenario revoked = Scenario.named("delegation-revoked")
        .withFault(revokeDelegation().when(taskAwaitsApproval()))
        .withTimeout(Duration.ofSeconds(30));

    RunResult result = runner.run(revoked, CrashtestExtensionIT.NAIVE, 11L);

    List<Op> ops = result.history().ops();
    Op revocation = ops.stream().filter(op -> op.operation().equals("revoke_delegation")).findFirst().orElseThrow();
    List<Op> writesAfter = ops.stream().filter(op -> op.index() > revocation.index() && op.service().equals("crm")
        && "POST".equals(op.details().get("method"))).toList();
    assertThat(writesAfter).as("CRM writes after the revocation").isNotEmpty()
        .allSatisfy(op -> assertThat(op.type()).as("%s", op).isEqualTo(OpType.FAIL))
        .anySatisfy(op -> assertThat(op.details()).containsEntry("refusal", "delegation_revoked")
            .containsEntry("status", 401));
    assertThat(ops).as("the agent's fresh exchange is refused")
        .anySatisfy(op -> {
          assertThat(op.index()).isGreaterThan(revocation.index());
          assertThat(op.operation()).isEqualTo("token_exchange");
          assertThat(op.type()).isEqualTo(OpType.FAIL);
          assertThat((String) op.details().get("errorDescription")).startsWith("delegation revoked: ");
        });
  }
}
