package dev.crashtest.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.check.CheckResult;
import dev.crashtest.check.Verdict;
import dev.crashtest.scenario.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitReportTest {
  @TempDir Path out;

  @Test
  void a_failed_run_is_a_failure_typed_by_its_checker_with_the_explanation_the_reproduce_command_and_the_history()
      throws Exception {
    RunResult crashed = ReportRuns.crashBeforeCreateQuote(out, "naive", 7L);

    Document junit = parse(JunitReport.write(7L, 1, List.of(crashed), out));

    Element testcase = only(junit, "testcase");
    assertThat(testcase.getAttribute("classname")).as("classname").isEqualTo("crashtest.naive");
    assertThat(testcase.getAttribute("name")).as("name").isEqualTo("crash-before-create-quote");
    assertThat(testcase.getAttribute("time")).as("time in seconds").isEqualTo("3.100");
    Element failure = only(junit, "failure");
    assertThat(failure.getAttribute("type")).as("type").isEqualTo("task-completed");
    assertThat(failure.getAttribute("message")).as("message").isEqualTo("task-completed: " + ReportRuns.LOST);
    assertThat(failure.getTextContent()).as("text").isEqualTo("\ntask-completed: " + ReportRuns.LOST
        + " (evidence: op #10, op #12)\n"
        + "reproduce: ./crashtest run --scenario crash-before-create-quote --agent naive --seed 7\n"
        + "history: crash-before-create-quote--naive/history.jsonl\n"
        + "agent log: crash-before-create-quote--naive/agent.log\n");
  }

  @Test
  void each_agent_is_a_suite_and_a_skipped_run_counts_as_skipped_never_as_passed() throws Exception {
    List<RunResult> runs = List.of(ReportRuns.happyPath(out, "naive", 42L), ReportRuns.skipped(out, "naive"),
        ReportRuns.crashBeforeCreateQuote(out, "naive", 42L), ReportRuns.happyPath(out, "python", 42L));

    Document junit = parse(JunitReport.write(42L, 1, runs, out));

    NodeList suites = junit.getElementsByTagName("testsuite");
    assertThat(suites.getLength()).as("one suite per agent").isEqualTo(2);
    Element naive = (Element) suites.item(0);
    assertThat(List.of(naive.getAttribute("name"), naive.getAttribute("tests"), naive.getAttribute("failures"),
        naive.getAttribute("errors"), naive.getAttribute("skipped"))).as("naive suite counts")
        .containsExactly("naive", "3", "1", "0", "1");
    Element skipped = only(junit, "skipped");
    assertThat(((Element) skipped.getParentNode()).getAttribute("name")).as("skipped testcase")
        .isEqualTo("platform-restart");
    assertThat(skipped.getAttribute("message")).as("reason").isEqualTo("the agent [naive] has no platform to restart");
    Element root = junit.getDocumentElement();
    assertThat(List.of(root.getTagName(), root.getAttribute("tests"), root.getAttribute("failures"),
        root.getAttribute("skipped"))).as("totals").containsExactly("testsuites", "4", "1", "1");
  }

  @Test
  void a_run_that_could_not_run_is_an_error_with_its_reason() throws Exception {
    RunResult errored = ReportRuns.errored(out, "python", "agent [python] did not answer on its port within 30 s");

    Document junit = parse(JunitReport.write(42L, 1, List.of(errored), out));

    Element error = only(junit, "error");
    assertThat(error.getAttribute("type")).as("type").isEqualTo("run-error");
    assertThat(error.getAttribute("message")).as("message")
        .isEqualTo("agent [python] did not answer on its port within 30 s");
    assertThat(junit.getElementsByTagName("failure").getLength()).as("failures").isZero();
    assertThat(junit.getDocumentElement().getAttribute("errors")).as("errors").isEqualTo("1");
  }

  @Test
  void tries_and_crash_points_name_the_testcase_and_the_seed_is_a_property() throws Exception {
    RunResult point = ReportRuns.of("crash-point-sweep[crm:place_order#1]", "naive", List.of(), out);
    List<RunResult> runs = List.of(ReportRuns.happyPath(out, "naive", 42L), point,
        ReportRuns.happyPath(out, "naive", 9001L), point);

    Document junit = parse(JunitReport.write(42L, 2, runs, out));

    NodeList testcases = junit.getElementsByTagName("testcase");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < testcases.getLength(); i++) {
      names.add(((Element) testcases.item(i)).getAttribute("name"));
    }
    assertThat(names).as("names").containsExactly("happy-path [try 1/2, seed 42]",
        "crash-point-sweep[crm:place_order#1] [try 1/2, seed 42]", "happy-path [try 2/2, seed 9001]",
        "crash-point-sweep[crm:place_order#1] [try 2/2, seed 42]");
    Element seed = (Element) junit.getElementsByTagName("property").item(0);
    assertThat(seed.getAttribute("name") + "=" + seed.getAttribute("value")).as("first property").isEqualTo("seed=42");
  }

  @Test
  void markup_control_characters_and_tokens_in_a_message_stay_well_formed_and_redacted() throws Exception {
    String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
    RunResult run = ReportRuns.withCheck(ReportRuns.happyPath(out, "naive", 42L), new CheckResult("secret-hygiene",
        Verdict.FAIL, "<b>\"leak\"</b> & \u001b[31m" + jwt + " sent as Authorization: Bearer abc.DEF-123", List.of()));

    Document junit = parse(JunitReport.write(42L, 1, List.of(run), out));

    assertThat(only(junit, "failure").getAttribute("message")).as("message").isEqualTo(
        "secret-hygiene: <b>\"leak\"</b> & \uFFFD[31m[redacted] sent as Authorization: Bearer [redacted]");
  }

  private static Document parse(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  private static Element only(Document document, String tag) {
    NodeList nodes = document.getElementsByTagName(tag);
    assertThat(nodes.getLength()).as("<%s> elements", tag).isEqualTo(1);
    return (Element) nodes.item(0);
  }
}
