package example;

// tag::scenario-file-example[]
import static dev.crashtest.junit.Crashtest.*;

import dev.crashtest.junit.CrashtestTest;
import dev.crashtest.junit.Seed;
import dev.crashtest.scenario.ScenarioRunner;
import dev.crashtest.scenariofile.ScenarioFile;
import java.nio.file.Path;

class IncidentFileIT {

  @CrashtestTest
  void my_agent_survives_last_months_incident(ScenarioRunner runner, @Seed long seed) {
    var myAgent = command("my-agent", "python3", "-u", "../agents/python/procurement_agent.py");
    var incident = ScenarioFile.read(Path.of("../examples/incidents/worker-killed-after-order-redelivered.yaml"));

    assertThat(runner.run(incident.scenario(), myAgent, seed)).passed();
  }
}
// end::scenario-file-example[]
