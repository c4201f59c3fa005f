package dev.crashtest.scenariofile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.catalogue.Catalogue;
import dev.crashtest.scenario.Scenario;
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
}
