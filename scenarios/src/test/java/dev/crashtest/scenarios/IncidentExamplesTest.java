package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenariofile.ScenarioFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The example incidents and every whole scenario shown in docs/scenarios.md are files the reader accepts. */
class IncidentExamplesTest {
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

  @Test
  void every_example_incident_reads_and_is_named_after_its_file() {
    List<ScenarioFile> files = ScenarioFile.readAll(List.of(IncidentExamples.directory()));

    assertThat(files).extracting(file -> file.path().getFileName().toString())
        .containsExactly("crm-latency-then-reset.yaml", "idp-down-during-approval.yaml",
            "worker-killed-after-order-redelivered.yaml");
    for (ScenarioFile file : files) {
      assertThat(file.scenario().name() + ".yaml").as("the name of %s", file).isEqualTo(file.path().getFileName()
          .toString());
      assertThat(file.scenario().description()).as("the story of %s", file).isNotBlank();
    }
  }

  @Test
  void the_kill_after_the_order_pins_the_naive_agents_known_failure() {
    assertThat(IncidentExamples.incident("worker-killed-after-order-redelivered").scenario().expectations())
        .containsExactlyEntriesOf(Map.of("naive", RunVerdict.FAIL));
  }

  @Test
  void every_whole_scenario_in_the_scenarios_guide_reads() throws IOException {
    String guide = Files.readString(IncidentExamples.home().resolve("docs").resolve("scenarios.md"));
    List<String> scenarios = new ArrayList<>();
    Matcher block = YAML_BLOCK.matcher(guide);
    while (block.find()) {
      if (block.group(1).lines().anyMatch(line -> line.startsWith("name: "))) {
        scenarios.add(block.group(1));
      }
    }

    assertThat(scenarios).as("whole scenarios (with a name) in docs/scenarios.md").hasSizeGreaterThanOrEqualTo(9);
    for (int i = 0; i < scenarios.size(); i++) {
      String yaml = scenarios.get(i);
      assertThatCode(() -> ScenarioFile.parse("docs/scenarios.md", yaml)).as("block %d:%n%s", i + 1, yaml)
          .doesNotThrowAnyException();
    }
  }
}
