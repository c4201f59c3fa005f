package dev.crashtest.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.explore.ExplorationResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** junit.xml of an exploration: a failure per finding, the runs apart, each failure counted once. */
class ExplorationJunitTest {
  @TempDir Path out;

  @Test
  void each_finding_is_a_failure_typed_by_its_checker_with_its_schedule_shrink_steps_file_and_command()
      throws Exception {
    Document junit = write(Explorations.lostTask(out));

    Element findings = suite(junit, "crashtest.explore");
    Element testcase = only(findings, "testcase");
    assertThat(List.of(testcase.getAttribute("classname"), testcase.getAttribute("name"))).as("testcase")
        .containsExactly("crashtest.explore.naive", Explorations.NAME);
    Element failure = only(testcase, "failure");
    assertThat(failure.getAttribute("type")).as("type").isEqualTo("task-completed");
    assertThat(failure.getAttribute("message")).as("message")
        .isEqualTo("task-completed fails under: " + Explorations.SCHEDULE);
    assertThat(failure.getTextContent()).as("text").isEqualTo("\n"
        + "found in run 2, shrunk to 1 fault(s): " + Explorations.SCHEDULE + "\n"
        + "shrink steps:\n"
        + "  - removed fault 2 (outage)\n"
        + "  - shortened fault 1 (agent-kill) to 200 ms\n"
        + "file: " + Explorations.found(out) + "\n"
        + "reproduce: ./crashtest run --scenario-file " + Explorations.found(out) + " --agent naive --seed 1\n"
        + "minimal run: " + Explorations.NAME + " (in crashtest.explore.runs)\n");
    assertThat(property(findings, "seed")).as("seed").isEqualTo("1");
    assertThat(property(findings, "faultsTried")).as("faults tried").isEqualTo("agent-kill=2, outage=1, clock-skew=0");
  }

  @Test
  void the_runs_that_failed_are_counted_once_as_the_finding_not_again_as_runs() throws Exception {
    Document junit = write(Explorations.lostTask(out));

    Element runs = suite(junit, "crashtest.explore.runs");
    assertThat(names(runs)).as("exploration runs, then the minimal run")
        .containsExactly("explore-001", "explore-002", Explorations.NAME);
    assertThat(runs.getElementsByTagName("failure").getLength()).as("failures among the runs").isZero();
    Element explored = (Element) runs.getElementsByTagName("testcase").item(1);
    assertThat(only(explored, "system-out").getTextContent()).as("what the failed run shows").startsWith(
        "FAIL (an exploration run; counted once, as a finding, in the suite crashtest.explore)\n"
            + "task-completed: " + ReportRuns.LOST);
    Element minimal = (Element) runs.getElementsByTagName("testcase").item(2);
    assertThat(only(minimal, "system-out").getTextContent()).as("the minimal run").contains(
        "the minimal schedule's run of the finding [" + Explorations.NAME + "]",
        "reproduce: ./crashtest run --scenario-file " + Explorations.found(out));
    Element root = junit.getDocumentElement();
    assertThat(List.of(root.getAttribute("tests"), root.getAttribute("failures"), root.getAttribute("errors")))
        .as("totals").containsExactly("4", "1", "0");
  }

  @Test
  void an_exploration_that_found_nothing_is_one_passing_case_naming_agent_seed_and_runs() throws Exception {
    Document junit = write(Explorations.nothingFound(out));

    Element testcase = only(suite(junit, "crashtest.explore"), "testcase");
    assertThat(testcase.getAttribute("name")).as("name").isEqualTo("explore naive seed 1: 2 runs");
    assertThat(testcase.getElementsByTagName("failure").getLength() + testcase.getElementsByTagName("error")
        .getLength()).as("problems").isZero();
    assertThat(only(testcase, "system-out").getTextContent()).as("system-out")
        .isEqualTo("No failure found in 2 runs; faults tried: {agent-kill=1, outage=2, clock-skew=0}\n");
    assertThat(junit.getDocumentElement().getAttribute("failures")).as("failures").isEqualTo("0");
  }

  @Test
  void an_exploration_that_tried_no_fault_is_an_error_never_a_pass() throws Exception {
    Document junit = write(Explorations.cleanRunFailed(out));

    Element error = only(suite(junit, "crashtest.explore"), "error");
    assertThat(error.getAttribute("type")).as("type").isEqualTo("exploration-stopped");
    assertThat(error.getAttribute("message")).as("message").isEqualTo("explored nothing: the clean run did not pass"
        + " (FAIL), so there is no task to break: fix the happy path first");
  }

  private Document write(ExplorationResult result) throws Exception {
    Path file = JunitReport.write(ExplorationSection.report(result, out, Explorations.COMMAND));
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  private static Element suite(Document junit, String name) {
    NodeList suites = junit.getElementsByTagName("testsuite");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < suites.getLength(); i++) {
      Element suite = (Element) suites.item(i);
      if (suite.getAttribute("name").equals(name)) {
        return suite;
      }
      names.add(suite.getAttribute("name"));
    }
    throw new AssertionError("no testsuite [" + name + "] among " + names);
  }

  private static Element only(Element parent, String tag) {
    NodeList elements = parent.getElementsByTagName(tag);
    assertThat(elements.getLength()).as("<%s> elements in <%s>", tag, parent.getTagName()).isEqualTo(1);
    return (Element) elements.item(0);
  }

  private static List<String> names(Element suite) {
    NodeList cases = suite.getElementsByTagName("testcase");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < cases.getLength(); i++) {
      names.add(((Element) cases.item(i)).getAttribute("name"));
    }
    return names;
  }

  private static String property(Element suite, String name) {
    NodeList properties = suite.getElementsByTagName("property");
    for (int i = 0; i < properties.getLength(); i++) {
      Element property = (Element) properties.item(i);
      if (property.getAttribute("name").equals(name)) {
        return property.getAttribute("value");
      }
    }
    throw new AssertionError("no property [" + name + "]");
  }
}
