package dev.crashtest.scenariofile;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.crashtest.env.Service.MODEL;
import static dev.crashtest.scenario.Faults.killAgent;
import static dev.crashtest.scenario.Faults.outage;
import static dev.crashtest.scenario.Faults.rotateAgentSecret;
import static dev.crashtest.scenario.Triggers.agentEnters;
import static dev.crashtest.scenario.Triggers.crmCommitted;
import static dev.crashtest.scenario.Triggers.taskAwaitsApproval;

import dev.crashtest.catalogue.Catalogue;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenario.TraceSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScenarioFileRoundTripTest {

  @Test
  void every_built_in_scenario_written_as_yaml_reads_back_equal() {
    for (Scenario scenario : Catalogue.all()) {
      String yaml = ScenarioFile.toYaml(scenario);
      Scenario back = ScenarioFile.parse(scenario.name() + ".yaml", yaml).scenario();
      assertThat(back).as("%s read back from:%n%s", scenario.name(), yaml).isEqualTo(scenario);
      assertThat(ScenarioFile.toYaml(back)).as("written again").isEqualTo(yaml);
    }
  }

  @Test
  void faults_from_a_trace_are_written_with_their_span_and_read_back_equal() {
    TraceSource crash = TraceSource.of("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");
    TraceSource outage = TraceSource.of("4bf92f3577b34da6a3ce929d0e0e4736", "b7ad6b7169203331");
    Scenario scenario = Scenario.named("incident")
        .withFault(killAgent().when(crmCommitted("place_order")).from(crash))
        .withFault(outage(MODEL).when(agentEnters("create_quote")).lasting(Duration.ofSeconds(3)).optional()
            .from(outage))
        .withFault(rotateAgentSecret().when(taskAwaitsApproval()));

    String yaml = ScenarioFile.toYaml(scenario);

    assertThat(yaml).isEqualTo("""
        name: incident
        faults:
          - fault: kill-agent
            when: {committed: crm.place_order}
            source: {trace-id: 4bf92f3577b34da6a3ce929d0e0e4736, span-id: 00f067aa0ba902b7}
          - fault: outage
            when: {agent-enters: create_quote}
            service: model
            lasting: 3s
            optional: true
            source: {trace-id: 4bf92f3577b34da6a3ce929d0e0e4736, span-id: b7ad6b7169203331}
          - fault: rotate-agent-secret
            when: awaiting-approval
        """);
    Scenario back = ScenarioFile.parse("incident.yaml", yaml).scenario();
    assertThat(back).as("read back from:%n%s", yaml).isEqualTo(scenario);
    assertThat(back.faults().get(0).source()).contains(crash);
    assertThat(back.faults().get(2).source()).as("a fault written by hand").isEmpty();
  }
}
