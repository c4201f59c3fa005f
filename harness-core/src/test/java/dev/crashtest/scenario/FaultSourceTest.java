package dev.crashtest.scenario;

import static dev.crashtest.env.Service.CRM;
import static dev.crashtest.env.Service.MODEL;
import static dev.crashtest.scenario.Faults.killAgent;
import static dev.crashtest.scenario.Faults.model;
import static dev.crashtest.scenario.Faults.outage;
import static dev.crashtest.scenario.Faults.pauseAgent;
import static dev.crashtest.scenario.Faults.revokeDelegation;
import static dev.crashtest.scenario.Faults.rotateAgentSecret;
import static dev.crashtest.scenario.Faults.shortTokenLifetime;
import static dev.crashtest.scenario.Triggers.agentEnters;
import static dev.crashtest.scenario.Triggers.crmCommitted;
import static dev.crashtest.scenario.Triggers.taskAwaitsApproval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.fakes.model.ModelFault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultSourceTest {
  private static final TraceSource SPAN = TraceSource.of("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");

  @Test
  void a_fault_from_a_trace_names_its_span_after_what_it_does() {
    ProcessCrash crash = killAgent().when(crmCommitted("place_order")).from(SPAN);

    assertThat(crash.source()).contains(SPAN);
    assertThat(crash.describe()).isEqualTo("kill -9 the agent right after the CRM committed [place_order], restart it"
        + " after 200 ms (from span 00f067aa0ba902b7 of trace 4bf92f3577b34da6a3ce929d0e0e4736)");
    assertThat(killAgent().source()).as("a fault written by hand names no trace").isEmpty();
  }

  @Test
  void the_source_survives_every_later_step_of_every_kind() {
    List<Fault> faults = List.of(
        killAgent().from(SPAN).when(crmCommitted("place_order")).restartAfter(Duration.ofSeconds(1)).optional()
            .withoutRestart(),
        pauseAgent().from(SPAN).when(agentEnters("place_order")).lasting(Duration.ofSeconds(2))
            .until(taskAwaitsApproval()).withStandbyWorker().optional(),
        outage(MODEL).from(SPAN).when(agentEnters("create_quote")).lasting(Duration.ofSeconds(3))
            .until(taskAwaitsApproval()).upstream().optional(),
        Faults.latency(CRM, Duration.ofMillis(800)).from(SPAN).jitter(Duration.ofMillis(100)),
        model(ModelFault.serverError(503)).from(SPAN).when(agentEnters("create_quote"))
            .lasting(Duration.ofSeconds(1)).until(taskAwaitsApproval()).optional(),
        shortTokenLifetime(Duration.ofSeconds(2)).from(SPAN).when(taskAwaitsApproval())
            .lasting(Duration.ofSeconds(5)).until(crmCommitted("place_order")).optional(),
        rotateAgentSecret().from(SPAN).when(taskAwaitsApproval()).optional(),
        revokeDelegation().from(SPAN).allowedToMiss());

    assertThat(faults).allSatisfy(fault -> assertThat(fault.source()).as(fault.describe()).contains(SPAN));
  }

  @Test
  void faults_from_different_spans_are_different_faults() {
    TraceSource other = TraceSource.of("4bf92f3577b34da6a3ce929d0e0e4736", "b7ad6b7169203331");

    assertThat(killAgent().from(SPAN)).isEqualTo(killAgent().from(SPAN)).hasSameHashCodeAs(killAgent().from(SPAN))
        .isNotEqualTo(killAgent().from(other)).isNotEqualTo(killAgent());
  }

  @Test
  void ids_that_are_not_lower_case_hex_of_their_length_are_refused_with_an_example() {
    assertThatThrownBy(() -> TraceSource.of("4BF92F3577B34DA6A3CE929D0E0E4736", "00f067aa0ba902b7"))
        .hasMessage("trace id [4BF92F3577B34DA6A3CE929D0E0E4736] is not 32 lower-case hex digits; for example:"
            + " TraceSource.of(\"4bf92f3577b34da6a3ce929d0e0e4736\", \"00f067aa0ba902b7\")");
    assertThatThrownBy(() -> TraceSource.of("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa"))
        .hasMessage("span id [00f067aa] is not 16 lower-case hex digits; for example:"
            + " TraceSource.of(\"4bf92f3577b34da6a3ce929d0e0e4736\", \"00f067aa0ba902b7\")");
    assertThatThrownBy(() -> killAgent().from(null)).isInstanceOf(NullPointerException.class)
        .hasMessageStartingWith("source: a fault comes from a span of a trace");
  }
}
