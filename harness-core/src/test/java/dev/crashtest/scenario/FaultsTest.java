package dev.crashtest.scenario;

import static dev.crashtest.env.Service.CRM;
import static dev.crashtest.env.Service.MODEL;
import static dev.crashtest.scenario.Faults.commitThenDropResponse;
import static dev.crashtest.scenario.Faults.disconnectAgent;
import static dev.crashtest.scenario.Faults.killAgent;
import static dev.crashtest.scenario.Faults.latency;
import static dev.crashtest.scenario.Faults.outage;
import static dev.crashtest.scenario.Triggers.agentEnters;
import static dev.crashtest.scenario.Triggers.crmCommitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.env.Service;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultsTest {

  @Test
  void faults_read_as_what_they_do() {
    assertThat(outage(MODEL).when(agentEnters("create_quote")).lasting(Duration.ofSeconds(30)).describe())
        .isEqualTo("model outage when the agent enters [create_quote] for 30000 ms");
    assertThat(latency(CRM, Duration.ofMillis(800)).jitter(Duration.ofMillis(200)).describe())
        .isEqualTo("800 ms latency ± 200 ms to crm at 0 ms until the run ends");
    assertThat(killAgent().when(crmCommitted("place_order")).restartAfter(Duration.ofMillis(300)).describe())
        .isEqualTo("kill -9 the agent right after the CRM committed [place_order], restart it after 300 ms");
    assertThat(commitThenDropResponse(CRM, "place_order").describe())
        .startsWith("crm: commit then drop the response on place_order");
    assertThat(disconnectAgent().lasting(Duration.ofSeconds(3)).describe())
        .isEqualTo("agent disconnected from every service at 0 ms for 3000 ms");
    assertThat(disconnectAgent().services()).as("every hop of the agent").containsExactly(Service.values());
  }

  @Test
  void faults_are_immutable_steps() {
    NetworkFault base = outage(MODEL);
    NetworkFault later = base.when(agentEnters("place_order"));

    assertThat(base.trigger().describe()).isEqualTo("at 0 ms");
    assertThat(later.trigger().describe()).isEqualTo("when the agent enters [place_order]");
  }

  @Test
  void misuse_is_refused_with_the_fix() {
    assertThatThrownBy(() -> commitThenDropResponse(MODEL, "place_order"))
        .hasMessage("commitThenDropResponse applies to the CRM only, not to [model];"
            + " for example: commitThenDropResponse(CRM, \"place_order\")");
    assertThatThrownBy(() -> outage(MODEL).jitter(Duration.ofMillis(5)))
        .hasMessage("jitter applies to latency faults only, not to outage");
    assertThatThrownBy(() -> outage(MODEL).lasting(Duration.ZERO))
        .hasMessage("lasting needs a positive duration, got [PT0S]");
    assertThatThrownBy(() -> Triggers.afterCrmCalls(0)).hasMessage("afterCrmCalls needs n >= 1, got [0]");
  }

  @Test
  void triggers_fire_on_the_ops_they_name() {
    Op askedForQuote = op("model", "chat_completion", Map.of("toolCalls", List.of("create_quote")));
    Op orderCommitted = op("crm", "place_order", Map.of("effectId", "O-0001"));
    Op orderReplayed = op("crm", "place_order", Map.of("effectId", "O-0001", "replayed", true));

    assertThat(agentEnters("create_quote").firesOn(askedForQuote, 0)).isTrue();
    assertThat(agentEnters("place_order").firesOn(askedForQuote, 0)).isFalse();
    assertThat(crmCommitted("place_order").firesOn(orderCommitted, 1)).isTrue();
    assertThat(crmCommitted("place_order").firesOn(orderReplayed, 2)).as("a replay commits nothing").isFalse();
    assertThat(Triggers.afterCrmCalls(2).firesOn(orderReplayed, 2)).isTrue();
  }

  private static Op op(String service, String operation, Map<String, Object> details) {
    return new Op(0, 0, service, "agent", operation, OpType.OK, details);
  }
}
