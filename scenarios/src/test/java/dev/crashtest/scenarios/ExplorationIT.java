package dev.crashtest.scenarios;

import static dev.crashtest.junit.Crashtest.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.env.Environment;
import dev.crashtest.explore.ExplorationResult;
import dev.crashtest.explore.Exploration;
import dev.crashtest.explore.FaultFamily;
import dev.crashtest.explore.Finding;
import dev.crashtest.reports.ExplorationSection;
import dev.crashtest.reports.HtmlReport;
import dev.crashtest.reports.JunitReport;
import dev.crashtest.reports.Report;
import dev.crashtest.reports.ReportRun;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.ScenarioRunner;
import dev.crashtest.scenariofile.ScenarioFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exploration finds the naive agent's lost task without a scenario naming it, shrinks it to one crash, and its reports
 * show each finding once with the command that reproduces it.
 */
class ExplorationIT {
  private static final Set<FaultFamily> CRASHES = Set.of(FaultFamily.AGENT_KILL, FaultFamily.AGENT_TERM);

  @Test
  void the_naive_agents_lost_task_is_found_shrunk_to_one_crash_and_its_file_fails_the_same_way(@TempDir Path out)
      throws java.io.IOException {
    ExplorationResult result = Exploration.of(Agents.naive()).withSeed(1).withRuns(10).withMaxShrinkRuns(20)
        .withTriesPerCandidate(1).writingTo(out).run();

    assertThat(result.findings()).as("findings of %d runs", result.runs().size()).isNotEmpty()
        .allSatisfy(finding -> assertThat(finding.schedule().faults()).as(finding.checker()).isNotEmpty());
    Finding lost = result.findings().stream().filter(f -> f.checker().equals("task-completed")
            && f.schedule().faults().size() == 1 && CRASHES.contains(f.schedule().faults().get(0).family()))
        .findFirst().orElseThrow(() -> new AssertionError("no lost task shrunk to one crash among "
            + result.findings().stream().map(f -> f.checker() + ": " + f.schedule()).toList()));
    assertThat(lost.reproduce()).isEqualTo("./crashtest run --scenario-file " + lost.file() + " --agent naive --seed 1");

    RunResult again;
    try (Environment environment = Environment.embedded().withSeed(1).start()) {
      again = ScenarioRunner.on(environment).writingTo(out.resolve("again"))
          .run(ScenarioFile.read(lost.file()).scenario(), Agents.naive(), 1);
    }
    assertThat(again).failedOn("task-completed");

    Report report = ExplorationSection.report(result, out, "./crashtest explore --agent naive --seed 1 --runs 10");
    String junit = Files.readString(JunitReport.write(report));
    String html = Files.readString(HtmlReport.write(report));
    for (Finding finding : result.findings()) {
      assertThat(report.runs()).extracting(ReportRun::scenario).as("runs of the report").contains(
          finding.minimalRun().scenario());
      assertThat(junit).as("junit.xml").contains("name=\"" + finding.minimal().name() + "\"",
          "reproduce: " + finding.reproduce());
      assertThat(html).as("index.html").contains(finding.reproduce());
    }
    assertThat(junit).as("junit.xml counts each finding once").contains("<testsuites name=\"crashtest\" tests=\""
        + (result.findings().size() + report.runs().size()) + "\" failures=\"" + result.findings().size() + "\"");
  }
}
