package dev.crashtest.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.explore.ExplorationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** index.html of an exploration: the findings first, each with what reproduces it and its minimal run's timeline. */
class ExplorationHtmlTest {
  private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";

  @TempDir Path out;

  @Test
  void the_exploration_heads_the_page_with_its_runs_seed_findings_and_faults_tried_per_family() throws IOException {
    Document page = write(Explorations.lostTask(out));

    Element section = page.selectFirst("section.exploration");
    assertThat(section.selectFirst("h2").text()).as("heading").isEqualTo("Exploration: 2 runs, seed 1, 1 failure(s)"
        + " found");
    assertThat(section.select("table.faults-tried tbody tr").eachText()).as("faults tried")
        .containsExactly("agent-kill 2", "outage 1", "clock-skew 0");
    assertThat(section.elementSiblingIndex()).as("above the runs table")
        .isLessThan(page.selectFirst("table.summary").elementSiblingIndex());
    assertThat(page.selectFirst("header code.command").text()).as("rerun").isEqualTo(Explorations.COMMAND);
  }

  @Test
  void a_finding_shows_its_schedule_shrink_steps_file_reproduce_command_and_the_minimal_runs_timeline()
      throws IOException {
    Document page = write(Explorations.lostTask(out));

    Element finding = page.selectFirst("#finding-1");
    assertThat(finding.selectFirst("h3").text()).as("heading")
        .isEqualTo("FAIL task-completed " + Explorations.NAME + " · found in run 2");
    assertThat(finding.selectFirst("h3 a").attr("href")).as("the exploration run that found it").isEqualTo("#run-2");
    assertThat(finding.selectFirst(".schedule").text()).as("minimal schedule").isEqualTo(Explorations.SCHEDULE);
    assertThat(finding.select("ol.shrink-steps li").eachText()).as("shrink steps")
        .containsExactlyElementsOf(Explorations.STEPS);
    assertThat(finding.selectFirst("code.reproduce").text()).as("reproduce")
        .isEqualTo("./crashtest run --scenario-file " + Explorations.found(out) + " --agent naive --seed 1");
    assertThat(finding.selectFirst("code.scenario-file").text()).as("file")
        .isEqualTo(Explorations.found(out).toString());
    assertThat(finding.selectFirst("h4 a").attr("href")).as("link to the minimal run's section").isEqualTo("#run-3");
    assertThat(page.selectFirst("#run-3 summary").text()).as("that section").contains(Explorations.NAME);
    Element svg = finding.selectFirst("svg.timeline");
    assertThat(svg).as("the minimal run's timeline").isNotNull();
    assertThat(svg.select("a[href]").eachAttr("href")).as("its marks link to the minimal run's ops").hasSize(13)
        .allMatch(href -> href.startsWith("#run-3-op-"));
    assertThat(svg.outerHtml()).as("drawn as the run section draws it")
        .isEqualTo(page.selectFirst("#run-3 svg.timeline").outerHtml());
  }

  @Test
  void every_link_of_an_exploration_page_resolves() throws IOException {
    Document page = write(Explorations.lostTask(out));

    for (String link : page.select("a[href]").eachAttr("href")) {
      if (link.startsWith("#")) {
        assertThat(page.getElementById(link.substring(1))).as("target of [%s]", link).isNotNull();
      } else {
        assertThat(out.resolve(link)).as("file of [%s]", link).isRegularFile();
      }
    }
  }

  @Test
  void an_exploration_that_found_nothing_says_so() throws IOException {
    Document page = write(Explorations.nothingFound(out));

    assertThat(page.selectFirst("section.exploration h2").text()).as("heading")
        .isEqualTo("Exploration: 2 runs, seed 1, 0 failure(s) found");
    assertThat(page.selectFirst("p.none-found").text()).as("verdict").isEqualTo("No failure found in 2 runs.");
    assertThat(page.select("div.finding")).as("findings").isEmpty();
  }

  @Test
  void an_exploration_whose_clean_run_failed_says_nothing_was_explored_not_that_nothing_failed() throws IOException {
    Document page = write(Explorations.cleanRunFailed(out));

    assertThat(page.selectFirst("section.exploration p.error").text()).as("why").isEqualTo("Nothing was explored:"
        + " the clean run did not pass (FAIL), so there is no task to break: fix the happy path first");
    assertThat(page.select("p.none-found")).as("no claim that nothing failed").isEmpty();
  }

  @Test
  void schedules_and_commands_are_escaped_and_tokens_redacted() throws IOException {
    String html = Files.readString(HtmlReport.write(ExplorationSection.report(Explorations.lostTask(out,
        "<img src=x> kill -9 the agent", "./crashtest run --agent-cmd 'agent --token " + JWT + "'"), out, null)));

    assertThat(html).as("page").doesNotContain(JWT, "<img src=x>").contains("&lt;img src=x&gt; kill -9 the agent");
    assertThat(Jsoup.parse(html).selectFirst("#finding-1 code.reproduce").text()).as("reproduce")
        .isEqualTo("./crashtest run --agent-cmd 'agent --token [redacted]'");
  }

  private Document write(ExplorationResult result) throws IOException {
    return Jsoup.parse(HtmlReport.write(ExplorationSection.report(result, out, Explorations.COMMAND)).toFile());
  }
}
