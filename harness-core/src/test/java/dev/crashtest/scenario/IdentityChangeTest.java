package dev.crashtest.scenario;

import static dev.crashtest.scenario.Faults.clockSkew;
import static dev.crashtest.scenario.Faults.revokeDelegation;
import static dev.crashtest.scenario.Faults.rotateSigningKey;
import static dev.crashtest.scenario.Faults.shortTokenLifetime;
import static dev.crashtest.scenario.Faults.withdrawScope;
import static dev.crashtest.scenario.Triggers.taskAwaitsApproval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdentityChangeTest {

  @Test
  void identity_changes_read_as_what_they_do() {
    assertThat(rotateSigningKey(Duration.ZERO).describe())
        .isEqualTo("identity: rotate the signing key with no grace at 0 ms");
    assertThat(rotateSigningKey(Duration.ofSeconds(30)).describe())
        .isEqualTo("identity: rotate the signing key with 30000 ms grace at 0 ms");
    assertThat(shortTokenLifetime(Duration.ofSeconds(2)).lasting(Duration.ofSeconds(20)).describe())
        .isEqualTo("identity: delegated tokens live 2000 ms at 0 ms for 20000 ms");
    assertThat(revokeDelegation().when(taskAwaitsApproval()).describe())
        .isEqualTo("identity: the user revokes the agent's delegation " + taskAwaitsApproval().describe());
    assertThat(withdrawScope("crm.write").describe())
        .isEqualTo("identity: the user withdraws scope [crm.write] from the agent at 0 ms");
    assertThat(clockSkew(Duration.ofMinutes(-5)).describe())
        .isEqualTo("identity: the provider's clock runs 300000 ms behind at 0 ms");
    assertThat(clockSkew(Duration.ofSeconds(90)).describe())
        .isEqualTo("identity: the provider's clock runs 90000 ms ahead at 0 ms");
  }

  @Test
  void only_lifetime_and_clock_changes_heal() {
    assertThat(shortTokenLifetime(Duration.ofSeconds(2)).healsAtEnd()).isTrue();
    assertThat(clockSkew(Duration.ofSeconds(2)).lasting(Duration.ofSeconds(1)).healAfterMillis()).isEqualTo(1000);
    assertThat(revokeDelegation().healsAtEnd()).isFalse();
    assertThat(rotateSigningKey(Duration.ZERO).healAfterMillis()).isEqualTo(-1);
    assertThatThrownBy(() -> revokeDelegation().lasting(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("[identity: the user revokes the agent's delegation at 0 ms] cannot be undone, so it cannot"
            + " last [PT1S]; only shortTokenLifetime(...) and clockSkew(...) heal");
    assertThatThrownBy(() -> withdrawScope(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("withdrawScope needs a scope, e.g. withdrawScope(\"crm.write\")");
  }
}
