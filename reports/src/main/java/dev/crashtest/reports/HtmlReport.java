package dev.crashtest.reports;

import static dev.crashtest.reports.HtmlEscaping.text;

import dev.crashtest.scenario.CrashPointSweep;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Writes {@code index.html}: one self-contained page (inline CSS and SVG, no script, nothing fetched) that a human
 * reads in a minute: the verdict counts, seed, versions and the command that reruns the campaign; for an
 * exploration, its runs, faults tried and each finding with its minimal schedule, reproduce command and timeline
 * ({@link ExplorationSection}); the runs, failures first; the comparison matrix when several agents or tries ran;
 * then per run its violated checks with the ops that prove them, its reproduce command, a timeline of its history,
 * its audit table and every op. Every value shown passes through {@link Redaction}. A fault from a production
 * trace shows its span and trace ids, as a link into the tracing UI when {@code CRASHTEST_TRACE_URL} is set
 * ({@link TraceLinks}).
 *
 * <pre>{@code
 * Path page = HtmlReport.write(report);                                              // into report.directory()
 * Path same = HtmlReport.write(42L, 1, results, sweeps, Path.of("crashtest-out"));   // crashtest-out/index.html
 * }</pre>
 *
 * <p>The page is drawn from a {@link Report} built from the runs in memory, the same report report.json is written
 * from, so it shows exactly what the checkers judged, including runs that never wrote a history file.
 */
public final class HtmlReport {
  static final String LEGEND = "<p class=\"legend\"><span class=\"k ok\">●</span> OK <span class=\"k fail\">●</span>"
      + " failed <span class=\"k info\">●</span> info <span class=\"k invoke\">○</span> invoked"
      + " <span class=\"k crash\">✕</span> crash <span class=\"k restart\">▲</span> restart"
      + " <span class=\"k ready\">◆</span> ready (answers /health)"
      + " <span class=\"k window\">▮</span> fault window <span class=\"k evidence\">◯</span> evidence"
      + " · each mark links to its op · times since the environment started, as in history.jsonl</p>\n";
  private static final List<RunVerdict> ORDER = List.of(RunVerdict.FAIL, RunVerdict.ERROR, RunVerdict.PASS,
      RunVerdict.SKIPPED);

  private HtmlReport() {}

  /** Writes {@code index.html} into {@code directory} for a campaign of {@code repeat} tries per scenario × agent. */
  public static Path write(long seed, int repeat, List<RunResult> runs, List<CrashPointSweep.Result> sweeps,
      Path directory) {
    return write(Report.of(seed, repeat, runs, sweeps, directory));
  }

  /**
   * Writes {@code index.html} into the report's directory.
   *
   * @throws IllegalArgumentException for a report read from report.json, which holds no histories to draw
   */
  public static Path write(Report report) {
    if (report.results().size() != report.runs().size()) {
      throw new IllegalArgumentException("index.html draws each run's history, and a report read from report.json"
          + " has none in memory; build the report from the runs: Report.of(seed, repeat, runs, sweeps, directory)");
    }
    Path file = report.directory().resolve("index.html");
    try {
      Files.createDirectories(report.directory());
      Files.writeString(file, render(report), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the HTML report [" + file + "]: " + e.getMessage(), e);
    }
  }

  static String render(Report report) {
    return render(report, TraceLinks.fromEnvironment());
  }

  /** The page, the span each fault of a trace came from shown by {@code links}. */
  static String render(Report report, TraceLinks links) {
    List<ReportRun> runs = report.runs();
    List<Integer> order = IntStream.range(0, runs.size()).boxed()
        .sorted(Comparator.comparing(i -> ORDER.indexOf(runs.get(i).verdict()))).toList();
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Crashtest report: ").append(text(counts(report))).append("</title>\n<style>\n")
        .append(stylesheet()).append("</style>\n</head>\n<body>\n");
    summary(html, report);
    ExplorationSection.of(report).ifPresent(exploration -> ExplorationHtml.render(html, report, exploration));
    runsTable(html, report, order);
    if (runs.stream().map(ReportRun::agent).distinct().count() > 1 || report.repeat() > 1) {
      ComparisonMatrix.render(html, report.comparison());
      ComparisonCharts.render(html, report.comparison());
    }
    html.append("<h2>Runs</h2>\n");
    for (int i : order) {
      html.append(RunSection.render(report.results().get(i), runs.get(i), i + 1, runs.get(i).label(report.repeat()),
          report.directory(), links));
    }
    return html.append("</body>\n</html>\n").toString();
  }

  private static void summary(StringBuilder html, Report report) {
    Report.Facts facts = report.facts();
    html.append("<header>\n<h1>Crashtest report</h1>\n<p class=\"counts\">");
    for (RunVerdict verdict : ORDER) {
      long count = report.count(verdict);
      html.append("<span class=\"count ").append(verdict.name().toLowerCase(Locale.ROOT)).append(count == 0 ? " none"
          : "").append("\"><b>").append(count).append("</b> ").append(verdict).append("</span> ");
    }
    int repeat = report.repeat();
    html.append("</p>\n<dl class=\"facts\">")
        .append(fact("runs", report.runs().size() + (repeat == 1 ? "" : " (" + repeat
            + " tries per scenario × agent)")))
        .append(fact("seed", String.valueOf(report.seed())))
        .append(fact("run time", String.format(Locale.ROOT, "%.1f s (the runs' wall times added up)",
            facts.runTimeMillis() / 1000.0)))
        .append(fact("Crashtest", facts.crashtestVersion()))
        .append(fact("Java", facts.javaVersion()))
        .append(fact("written", facts.written().toString()))
        .append("</dl>\n<p>Rerun: <code class=\"command\">")
        .append(text(rerunCommand(report))).append("</code></p>\n</header>\n");
  }

  /** The campaign's rerun command; an exploration's own command when the report is one and names it. */
  private static String rerunCommand(Report report) {
    return ExplorationSection.of(report).map(ExplorationSection::command).orElse(report.facts().rerunCommand());
  }

  private static String fact(String name, String value) {
    return "<div><dt>" + text(name) + "</dt><dd>" + text(value) + "</dd></div>";
  }

  private static void runsTable(StringBuilder html, Report report, List<Integer> order) {
    html.append("<table class=\"summary\"><thead><tr><th>verdict</th><th>scenario</th><th>agent</th>"
        + "<th>violated checks</th><th class=\"num\">time</th></tr></thead><tbody>\n");
    for (int i : order) {
      ReportRun run = report.runs().get(i);
      String violated = run.verdict() == RunVerdict.SKIPPED ? run.errorText()
          : run.violations().isEmpty() && !run.errorText().isEmpty() ? "(could not run)"
          : run.violations().stream().map(ReportRun.Violation::checker).collect(Collectors.joining(", "));
      html.append("<tr class=\"").append(run.verdict().name().toLowerCase(Locale.ROOT)).append("\"><td>")
          .append(badge(run.verdict())).append("</td><td><a href=\"#run-").append(i + 1).append("\">")
          .append(text(run.label(report.repeat()))).append("</a></td><td>")
          .append(text(run.agent())).append("</td><td>").append(violated.isEmpty() ? "-" : text(violated))
          .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%.1f s", run.wallMillis() / 1000.0))
          .append("</td></tr>\n");
    }
    html.append("</tbody></table>\n");
  }

  static String badge(RunVerdict verdict) {
    return "<span class=\"verdict " + verdict.name().toLowerCase(Locale.ROOT) + "\">" + verdict + "</span>";
  }

  private static String counts(Report report) {
    return ORDER.stream().map(verdict -> report.count(verdict) + " " + verdict).collect(Collectors.joining(", "));
  }

  private static String stylesheet() {
    try (InputStream in = HtmlReport.class.getResourceAsStream("report.css")) {
      if (in == null) {
        throw new IllegalStateException("the report's stylesheet [dev/crashtest/reports/report.css] is missing from"
            + " the class path; rebuild the reports module (mvn -pl reports install)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the report's stylesheet: " + e.getMessage(), e);
    }
  }
}
