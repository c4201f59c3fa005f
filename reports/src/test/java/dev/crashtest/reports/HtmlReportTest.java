package dev.crashtest.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.check.CheckResult;
import dev.crashtest.check.Verdict;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import dev.crashtest.scenario.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";

  @TempDir Path out;

  @Test
  void the_summary_counts_verdicts_and_gives_seed_versions_and_the_command_that_reruns_the_campaign()
      throws IOException {
    Document page = write(7L, 1, ReportRuns.happyPath(out, "naive", 7L), ReportRuns.skipped(out, "naive"),
        ReportRuns.crashBeforeCreateQuote(out, "naive", 7L));

    assertThat(page.select("header .count").eachText()).as("counts")
        .containsExactly("1 FAIL", "0 ERROR", "1 PASS", "1 SKIPPED");
    assertThat(page.select("dl.facts div").eachText()).as("facts").contains("seed 7",
        "run time 6.2 s (the runs' wall times added up)", "Crashtest 0.1.0-SNAPSHOT",
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
    assertThat(page.selectFirst("header code.command").text()).as("rerun").isEqualTo(
        "./crashtest run --scenario happy-path,platform-restart,crash-before-create-quote --agent naive --seed 7");
  }

  @Test
  void failures_come_first_and_open_while_passed_and_skipped_runs_are_collapsed() throws IOException {
    Document page = write(42L, 1, ReportRuns.happyPath(out, "naive", 42L), ReportRuns.skipped(out, "naive"),
        ReportRuns.crashBeforeCreateQuote(out, "naive", 42L));

    assertThat(page.select("details.run")).as("runs, failures first")
        .extracting(run -> run.id() + " " + run.hasAttr("open"))
        .containsExactly("run-3 true", "run-1 false", "run-2 false");
    assertThat(page.select("table.summary tbody tr").eachText()).as("summary rows").containsExactly(
        "FAIL crash-before-create-quote naive task-completed 3.1 s", "PASS happy-path naive - 3.1 s",
        "SKIPPED platform-restart naive the agent [naive] has no platform to restart 0.0 s");
  }

  @Test
  void a_violated_check_shows_its_message_and_links_its_evidence_to_rows_of_the_op_table() throws IOException {
    Document page = write(7L, 1, ReportRuns.crashBeforeCreateQuote(out, "naive", 7L));

    Element violation = page.selectFirst("#run-1 ul.violations li");
    assertThat(violation.text()).as("violation").isEqualTo("task-completed: " + ReportRuns.LOST
        + " Evidence: op #10 agent_restarted, op #12 task_status");
    assertThat(violation.select("a").eachAttr("href")).as("evidence links")
        .containsExactly("#run-1-op-10", "#run-1-op-12");
    assertThat(page.selectFirst("#run-1-op-10").text()).as("row of op #10")
        .isEqualTo("10 +1490 ms harness nemesis agent_restarted INFO pid=18845");
    assertThat(page.selectFirst("#run-1-op-10").hasClass("evidence")).as("evidence row marked").isTrue();
    assertThat(page.selectFirst("#run-1 code").text()).as("reproduce")
        .isEqualTo("./crashtest run --scenario crash-before-create-quote --agent naive --seed 7");
  }

  @Test
  void a_run_of_a_scenario_file_shows_the_file_and_its_digest_and_reproduces_with_scenario_file() throws IOException {
    RunResult run = ReportRuns.of("my incident", "naive", ReportRuns.crashBeforeCreateQuote(out, "naive", 7L)
        .history().ops(), out, 7L);
    ReportRun.SourceFile file = new ReportRun.SourceFile("incidents/my incident.yaml", "ab12");

    Document page = Jsoup.parse(HtmlReport.write(Report.of(7L, 1, List.of(run,
        ReportRuns.happyPath(out, "naive", 7L)), List.of(), out, Map.of("my incident", file))).toFile());

    assertThat(page.selectFirst("#run-1 p.muted").text()).as("scenario file")
        .isEqualTo("Scenario file: incidents/my incident.yaml · sha256 ab12");
    assertThat(page.select("#run-1 code").eachText()).as("reproduce").contains(
        "./crashtest run --scenario-file 'incidents/my incident.yaml' --agent naive --seed 7");
    assertThat(page.selectFirst("header code.command").text()).as("rerun").isEqualTo(
        "./crashtest run --scenario happy-path --scenario-file 'incidents/my incident.yaml' --agent naive --seed 7");
    assertThat(page.select("#run-2 code.scenario-file")).as("a built-in scenario names no file").isEmpty();
  }

  @Test
  void the_timeline_of_a_crash_run_shades_the_fault_window_and_marks_the_kill_and_the_restart() throws IOException {
    Document page = write(7L, 1, ReportRuns.crashBeforeCreateQuote(out, "naive", 7L));

    Element svg = page.selectFirst("#run-1 svg.timeline");
    Element window = svg.selectFirst("g.fault-window");
    assertThat(window.selectFirst("title").text()).as("fault window").isEqualTo("F1: " + ReportRuns.KILL
        + " (injected at op #8, healed at op #11)");
    double from = Double.parseDouble(window.selectFirst("rect").attr("x"));
    double width = Double.parseDouble(window.selectFirst("rect").attr("width"));
    Element kill = svg.selectFirst("a[href=#run-1-op-9]");
    assertThat(kill.selectFirst("path.mark.crash")).as("the kill is a crash mark").isNotNull();
    assertThat(svg.selectFirst("a[href=#run-1-op-10] path.mark.restart")).as("restart mark").isNotNull();
    double killX = Double.parseDouble(svg.selectFirst("line.crash-line").attr("x1"));
    assertThat(killX).as("the kill inside the window [%s, +%s]", from, width).isBetween(from, from + width);
    assertThat(svg.select("a[href]")).as("one mark per op").hasSize(13);
    assertThat(page.selectFirst("#run-1 ol.faults li").text()).as("fault list")
        .isEqualTo("F1 " + ReportRuns.KILL + ": injected +1270 ms → healed +1491 ms");
  }

  @Test
  void a_fault_that_never_fired_is_listed_under_the_timeline_with_its_nearest_miss() throws IOException {
    RunResult run = ReportRuns.of("typo", "naive", List.of(
        new Op(0, 100, "harness", "runner", "submit_task", OpType.OK, Map.of("taskId", "t-1")),
        new Op(1, 900, "harness", "runner", "fault_missed", OpType.INFO, Map.of("fault", "kill -9 the agent right"
            + " after the CRM committed [place_ordr]", "kind", "ProcessCrash", "trigger", "right after the CRM"
            + " committed [place_ordr]", "nearestMiss", "the CRM committed: create_quote", "optional", false))), out);

    Element missed = write(7L, 1, run).selectFirst("ul.faults.missed li");

    assertThat(missed.text()).as("missed fault").isEqualTo("never fired kill -9 the agent right after the CRM"
        + " committed [place_ordr]: trigger [right after the CRM committed [place_ordr]]; the CRM committed:"
        + " create_quote");
    assertThat(missed.selectFirst("a").attr("href")).as("link to its op").endsWith("-op-1");
  }

  @Test
  void every_link_resolves_to_an_element_of_the_page_or_to_a_file_of_the_run() throws IOException {
    Document page = write(7L, 1, ReportRuns.crashBeforeCreateQuote(out, "naive", 7L),
        ReportRuns.happyPath(out, "naive", 7L));

    List<String> links = page.select("a[href]").eachAttr("href");
    assertThat(links).as("links").hasSizeGreaterThan(20);
    for (String link : links) {
      if (link.startsWith("#")) {
        assertThat(page.getElementById(link.substring(1))).as("target of [%s]", link).isNotNull();
      } else {
        assertThat(out.resolve(link)).as("file of [%s]", link).isRegularFile();
      }
    }
  }

  @Test
  void the_page_fetches_nothing_and_runs_no_script() throws IOException {
    Document page = write(7L, 1, ReportRuns.crashBeforeCreateQuote(out, "naive", 7L));

    assertThat(page.select("script, link, img, iframe, object, embed")).as("elements that load or run").isEmpty();
    assertThat(page.select("[src], [srcset]")).as("anything with a source").isEmpty();
    assertThat(page.select("a[href~=^[a-z]+:]")).as("links with a scheme").isEmpty();
    assertThat(page.select("style").html()).as("stylesheet").doesNotContain("url(", "@import");
  }

  @Test
  void token_shaped_strings_are_redacted_in_checks_errors_and_op_details() throws IOException {
    RunResult leaky = ReportRuns.withCheck(ReportRuns.of("secret-leak", "leaky", List.of(
        new Op(0, 10, "harness", "runner", "submit_task", OpType.OK, Map.of("taskId", "t-1", "note", "Bearer abc123")),
        new Op(1, 20, "model", "agent", "chat_completion", OpType.OK, Map.of("prompt", "use " + JWT))), out),
        new CheckResult("secret-hygiene", Verdict.FAIL, "the agent logged " + JWT, List.of(1L)));

    String html = Files.readString(HtmlReport.write(42L, 1, List.of(leaky), List.of(), out));

    assertThat(html).as("page").doesNotContain(JWT, "abc123").contains("Bearer [redacted]");
    Document page = Jsoup.parse(html);
    assertThat(page.selectFirst("#run-1-op-1 td.details").text()).as("op details").isEqualTo("prompt=use [redacted]");
    assertThat(page.select("#run-1 ul.violations li").eachText()).as("violations")
        .anyMatch(text -> text.startsWith("secret-hygiene: the agent logged [redacted]"));
  }

  @Test
  void the_audit_table_lists_each_crm_write_with_who_made_it_and_its_verdict() throws IOException {
    Document page = write(42L, 1, ReportRuns.happyPath(out, "naive", 42L));

    assertThat(page.select("#run-1 table.audit tbody tr").eachText()).as("audit rows")
        .containsExactly("#2 +400 ms place_order naive-agent alice crm.read crm.write jti-7 ok");
  }

  @Test
  void with_two_agents_the_comparison_matrix_shows_verdict_and_pass_k_per_scenario_and_agent() throws IOException {
    Document page = write(42L, 1, ReportRuns.happyPath(out, "naive", 42L),
        ReportRuns.crashBeforeCreateQuote(out, "naive", 42L), ReportRuns.happyPath(out, "python", 42L));

    assertThat(page.select("table.matrix tbody tr").eachText()).as("matrix").containsExactly(
        "happy-path PASS 1/1 · pass^1 1.00 PASS 1/1 · pass^1 1.00", "crash-before-create-quote FAIL 0/1 · pass^1 0.00 -");
    assertThat(page.select("table.matrix tfoot td").eachText()).as("per agent")
        .containsExactly("0.50 over 2 scenarios", "1.00 over 1 scenario");
  }

  @Test
  void with_two_agents_charts_show_each_measure_per_scenario_with_a_bar_per_judged_agent() throws IOException {
    Document page = write(42L, 1, ReportRuns.happyPath(out, "naive", 42L),
        ReportRuns.crashBeforeCreateQuote(out, "naive", 42L), ReportRuns.happyPath(out, "python", 42L));

    assertThat(page.select("figure.chart figcaption").eachText()).as("one chart per measure").containsExactly(
        "Recovery time (ms)", "Redone model calls", "Redone service calls", "Duplicate effects", "Model tokens",
        "Wall time (ms)");
    org.jsoup.nodes.Element wall = page.select("figure.chart").get(5);
    assertThat(wall.select("svg text[text-anchor=end]").eachText()).as("rows")
        .containsExactly("happy-path", "crash-before-create-quote");
    assertThat(wall.select("rect title").eachText()).as("bars: naive twice, python once (no crash run)")
        .hasSize(3).anyMatch(title -> title.startsWith("python · happy-path: "))
        .allMatch(title -> title.endsWith(" ms"));
    assertThat(page.select("figure.chart").get(0).select("rect")).as("no restart recovered: no recovery bar")
        .isEmpty();
  }

  @Test
  void a_fault_from_a_trace_shows_its_span_and_trace_ids_next_to_it() {
    Document page = render(TraceLinks.of(null), ReportRuns.fromTrace(out, "naive", 7L));

    Element fired = page.selectFirst("#run-1 ol.faults li");
    assertThat(fired.text()).as("fault list").isEqualTo("F1 kill -9 the agent right after the CRM committed"
        + " [place_order], restart it after 200 ms (from span 00f067aa0ba902b7 of trace"
        + " 4bf92f3577b34da6a3ce929d0e0e4736): injected +401 ms → healed +621 ms");
    assertThat(fired.select(".trace-source code").eachText()).as("ids")
        .containsExactly("00f067aa0ba902b7", "4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(fired.select(".trace-source a")).as("no link without CRASHTEST_TRACE_URL").isEmpty();
    assertThat(page.selectFirst("#run-1 ul.faults.missed li").text()).as("missed fault").startsWith("never fired"
        + " (optional) crm outage when the agent enters [add_note] until the run ends (from span b7ad6b7169203331 of"
        + " trace 4bf92f3577b34da6a3ce929d0e0e4736): trigger [");
  }

  @Test
  void with_a_trace_url_template_the_span_links_into_the_tracing_ui() {
    Document page = render(TraceLinks.of("https://jaeger.acme.internal/trace/{trace-id}?uiFind={span-id}"),
        ReportRuns.fromTrace(out, "naive", 7L));

    assertThat(page.select("#run-1 .trace-source a").eachAttr("href")).as("links, fired fault then missed one")
        .containsExactly("https://jaeger.acme.internal/trace/4bf92f3577b34da6a3ce929d0e0e4736?uiFind=00f067aa0ba902b7",
            "https://jaeger.acme.internal/trace/4bf92f3577b34da6a3ce929d0e0e4736?uiFind=b7ad6b7169203331");
    assertThat(page.selectFirst("#run-1 .trace-source").text()).as("link text")
        .isEqualTo("(from span 00f067aa0ba902b7 of trace 4bf92f3577b34da6a3ce929d0e0e4736)");
  }

  @Test
  void a_single_agent_gets_no_charts() throws IOException {
    Document page = write(42L, 2, ReportRuns.happyPath(out, "naive", 42L), ReportRuns.happyPath(out, "naive", 43L));

    assertThat(page.select("figure.chart")).as("charts").isEmpty();
  }

  @Test
  void a_single_agent_with_one_try_gets_no_comparison_matrix() throws IOException {
    Document page = write(42L, 1, ReportRuns.happyPath(out, "naive", 42L));

    assertThat(page.select("table.matrix")).as("matrix").isEmpty();
  }

  private Document render(TraceLinks links, RunResult... runs) {
    return Jsoup.parse(HtmlReport.render(Report.of(7L, 1, List.of(runs), List.of(), out), links));
  }

  private Document write(long seed, int repeat, RunResult... runs) throws IOException {
    return Jsoup.parse(HtmlReport.write(seed, repeat, List.of(runs), List.of(), out).toFile());
  }
}
