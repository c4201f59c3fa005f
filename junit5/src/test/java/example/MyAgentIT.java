package example;

// tag::junit-example[]
import static dev.crashtest.junit.Crashtest.*;

import dev.crashtest.junit.CrashtestTest;
import dev.crashtest.junit.Seed;
import dev.crashtest.scenario.ScenarioRunner;

class MyAgentIT {

  @CrashtestTest
  void my_agent_survives_a_kill_right_after_the_order_was_committed(ScenarioRunner runner, @Seed long seed) {
    var myAgent = command("my-agent", "python3", "-u", "../agents/python/procurement_agent.py");

    assertThat(runner.run(scenario("crash-after-place-order"), myAgent, seed)).passed();
  }
}
// end::junit-example[]
