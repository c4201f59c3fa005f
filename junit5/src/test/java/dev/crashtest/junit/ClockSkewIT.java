package dev.crashtest.junit;

import static dev.crashtest.scenario.Faults.clockSkew;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.history.Op;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenario.ScenarioRunner;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClockSkewIT {
  @RegisterExtension
  static CrashtestExtension crashtest = CrashtestExtension.builder().withSeed(11).build();

  @Test
  void a_provider_clock_ten_minutes_ahead_makes_the_crm_refuse_tokens_not_yet_valid(ScenarioRunner runner) {
    Scenario skewed = Scenario.named("clock-skew")
        .withFault(clockSkew(Duration.ofMinutes(10)))
        .withTimeout(Duration.ofSeconds(20));

    RunResult result = runner.run(skewed, CrashtestExtensionIT.NAIVE, 11L);

    List<Op> crm = result.history().ops().stream().filter(op -> op.service().equals("crm")).toList();
    assertThat(crm).as("CRM calls").isNotEmpty()
        .allSatisfy(op -> assertThat(op.details()).containsEntry("status", 401).containsEntry("error", "invalid_token"));
    assertThat(result.history().ops()).as("the skew is healed when the run ends")
        .anyMatch(op -> op.operation().equals("set_clock_offset") && Long.valueOf(0).equals(op.details().get("offsetMillis")));
  }
}
