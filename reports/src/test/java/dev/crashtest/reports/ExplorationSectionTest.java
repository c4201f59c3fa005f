package dev.crashtest.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crashtest.explore.ExplorationResult;
import dev.crashtest.explore.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An exploration's report: its runs, the minimal runs added once, and the section as report.json holds it. */
class ExplorationSectionTest {
  @TempDir Path out;

  @Test
  void the_section_keeps_the_field_names_explore_wrote_and_adds_the_minimal_runs_name() throws IOException {
    ExplorationResult result = Explorations.lostTask(out);

    JsonNode json = Report.JSON.readTree(JsonReport.write(ExplorationSection.report(result, out,
        Explorations.COMMAND)).toFile()).get("exploration");

    assertThat(json.fieldNames()).toIterable().as("section fields").containsExactly("seed", "agent", "runs",
        "shrinkRuns", "elapsedSeconds", "boundaries", "faultsTried", "stoppedEarly", "command", "findings");
    assertThat(json.get("faultsTried").fieldNames()).toIterable().as("families, in the exploration's order")
        .containsExactly("agent-kill", "outage", "clock-skew");
    JsonNode found = json.get("findings").get(0);
    assertThat(found.fieldNames()).toIterable().as("finding fields").containsExactly("checker", "foundInRun",
        "schedule", "faults", "shrinkSteps", "file", "reproduce", "name", "minimalRun", "exploredRun");
    assertThat(List.of(found.get("checker").asText(), found.get("foundInRun").asInt(), found.get("schedule").asText(),
        found.get("faults").asInt(), found.get("file").asText(), found.get("minimalRun").asText(),
        found.get("exploredRun").asText())).as("finding").containsExactly("task-completed", 2, Explorations.SCHEDULE,
        1, Explorations.found(out).toString(), Explorations.NAME, "explore-002");
  }

  @Test
  void the_section_read_back_from_report_json_is_the_section_written() {
    ExplorationResult result = Explorations.lostTask(out);
    Report written = ExplorationSection.report(result, out, Explorations.COMMAND);

    Report read = Report.read(JsonReport.write(written));

    assertThat(ExplorationSection.of(read)).as("section read back")
        .contains(ExplorationSection.of(result, Explorations.COMMAND));
    assertThat(read.runs()).as("runs read back").isEqualTo(written.runs());
    assertThat(ExplorationSection.of(Report.of(1L, 1, List.of(), List.of(), out))).as("a report of no exploration")
        .isEmpty();
  }

  @Test
  void a_report_read_back_writes_the_same_junit_xml() throws IOException {
    Report written = ExplorationSection.report(Explorations.lostTask(out), out, Explorations.COMMAND);
    String junit = Files.readString(JunitReport.write(written)).replaceAll("timestamp=\"[^\"]*\"", "");

    Report read = Report.read(JsonReport.write(written));

    assertThat(Files.readString(JunitReport.write(read)).replaceAll("timestamp=\"[^\"]*\"", ""))
        .as("junit.xml of the report read back").isEqualTo(junit);
  }

  @Test
  void the_minimal_run_joins_the_runs_once_and_reproduces_with_its_scenario_file() {
    Report report = ExplorationSection.report(Explorations.lostTask(out), out, Explorations.COMMAND);

    assertThat(report.runs()).extracting(ReportRun::scenario).as("runs")
        .containsExactly("explore-001", "explore-002", Explorations.NAME);
    ReportRun minimal = report.runs().get(2);
    assertThat(minimal.scenarioFile().path()).as("its file").isEqualTo(Explorations.found(out).toString());
    assertThat(minimal.scenarioFile().sha256()).as("the file's digest").hasSize(64);
    assertThat(minimal.reproduce()).as("reproduce")
        .isEqualTo("./crashtest run --scenario-file " + Explorations.found(out) + " --agent naive --seed 1");
    assertThat(report.results()).as("histories kept for index.html").hasSize(3);
  }

  @Test
  void a_finding_that_needed_no_shrinking_is_shown_by_the_run_that_found_it() {
    ExplorationResult shrunk = Explorations.lostTask(out);
    Finding found = shrunk.findings().get(0);
    Finding unshrunk = new Finding(found.checker(), found.minimal(), found.schedule(), List.of(), found.foundInRun(),
        found.run(), found.run(), found.file(), found.reproduce());
    ExplorationResult result = new ExplorationResult(shrunk.seed(), shrunk.agent(), shrunk.boundaries(),
        shrunk.runs(), shrunk.faultsTried(), List.of(unshrunk), 0, shrunk.elapsed(), "");

    Report report = ExplorationSection.report(result, out, null);

    assertThat(report.runs()).extracting(ReportRun::scenario).as("runs, none added")
        .containsExactly("explore-001", "explore-002");
    assertThat(ExplorationSection.of(report).orElseThrow().findings().get(0).minimalRun()).as("minimal run")
        .isEqualTo("explore-002");
  }
}
