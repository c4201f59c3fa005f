package dev.crashtest.fakes.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FaultRulesTest {

  @Test
  void a_bad_value_is_refused_in_one_line_naming_the_fake_and_the_field() {
    assertThatThrownBy(() -> FaultRules.serverErrorStatus("crm", 418)).as("status")
        .hasMessage("crm: fault [status] 418 is not one of 500, 502, 503, 504");
    assertThatThrownBy(() -> FaultRules.positiveDelay("identity", Duration.ZERO)).as("delay")
        .hasMessage("identity: fault [delay] PT0S must be positive, e.g. PT2S");
    assertThatThrownBy(() -> FaultRules.requestLimit("crm", 0)).as("request limit")
        .hasMessage("crm: fault [forRequests] 0 must be at least 1");
    assertThatThrownBy(() -> FaultRules.wireMillis("crm", Duration.ofNanos(1_500_000))).as("wire millis")
        .hasMessage("crm: fault [delay] PT0.0015S has a fraction of a millisecond, which the fault API cannot carry;"
            + " use whole milliseconds, e.g. Duration.ofMillis(1)");
  }

  @Test
  void a_good_value_passes_and_names_read_as_on_the_wire() {
    assertThat(FaultRules.serverErrorStatus("crm", 503)).as("status").isEqualTo(503);
    assertThat(FaultRules.wireMillis("crm", Duration.ofSeconds(2))).as("wire millis").isEqualTo(2_000L);
    assertThat(FaultRules.lasting(0)).as("unlimited").isEqualTo(", until healed");
    assertThat(FaultRules.lasting(1)).as("one").isEqualTo(", next 1 request");
    assertThat(FaultRules.lasting(3)).as("three").isEqualTo(", next 3 requests");
    assertThat(FaultRules.wireNames(TimeUnit.values())).as("wire names")
        .isEqualTo("nanoseconds, microseconds, milliseconds, seconds, minutes, hours, days");
  }
}
