package dev.crashtest.reports;

import static dev.crashtest.reports.HtmlEscaping.text;

import dev.crashtest.check.CheckResult;
import dev.crashtest.scenario.CrashPointSweep;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Writes {@code index.html}: one self-contained page (inline CSS and SVG, no script, nothing fetched) that a human
 * reads in a minute: the verdict counts, seed, versions and the command that reruns the campaign; the runs, failures
 * first; the comparison matrix when several agents or tries ran; then per run its violated checks with the ops that
 * prove them, its reproduce command, a timeline of its history, its audit table and every op. Every value shown
 * passes through {@link Redaction}.
 *
 * <pre>{@code
 * Path page = HtmlReport.write(42L, 1, results, sweeps, Path.of("crashtest-out"));   // crashtest-out/index.html
 * }</pre>
 *
 * <p>The page is drawn from the runs in memory, the same results report.json is written from, so it shows exactly
 * what the checkers judged, including runs that never wrote a history file.
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
    Path file = directory.resolve("index.html");
    try {
      Files.createDirectories(directory);
      Files.writeString(file, render(seed, repeat, runs, sweeps, directory), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the HTML report [" + file + "]: " + e.getMessage(), e);
    }
  }

  static String render(long seed, int repeat, List<RunResult> runs, List<CrashPointSweep.Result> sweeps,
      Path directory) {
    List<Integer> tries = CampaignFacts.tryNumbers(seed, repeat, runs);
    List<Integer> order = IntStream.range(0, runs.size()).boxed()
        .sorted(Comparator.comparing(i -> ORDER.indexOf(runs.get(i).verdict()))).toList();
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Crashtest report: ").append(text(counts(runs))).append("</title>\n<style>\n")
        .append(stylesheet()).append("</style>\n</head>\n<body>\n");
    summary(html, seed, repeat, runs, sweeps);
    runsTable(html, runs, order, tries, repeat);
    if (runs.stream().map(RunResult::agent).distinct().count() > 1 || repeat > 1) {
      ComparisonMatrix.render(html, Comparison.of(runs, repeat));
    }
    html.append("<h2>Runs</h2>\n");
    for (int i : order) {
      html.append(RunSection.render(runs.get(i), i + 1, CampaignFacts.label(runs.get(i), tries.get(i), repeat),
          directory));
    }
    return html.append("</body>\n</html>\n").toString();
  }

  private static void summary(StringBuilder html, long seed, int repeat, List<RunResult> runs,
      List<CrashPointSweep.Result> sweeps) {
    html.append("<header>\n<h1>Crashtest report</h1>\n<p class=\"counts\">");
    for (RunVerdict verdict : ORDER) {
      long count = runs.stream().filter(run -> run.verdict() == verdict).count();
      html.append("<span class=\"count ").append(verdict.name().toLowerCase(Locale.ROOT)).append(count == 0 ? " none"
          : "").append("\"><b>").append(count).append("</b> ").append(verdict).append("</span> ");
    }
    html.append("</p>\n<dl class=\"facts\">")
        .append(fact("runs", runs.size() + (repeat == 1 ? "" : " (" + repeat + " tries per scenario × agent)")))
        .append(fact("seed", String.valueOf(seed)))
        .append(fact("run time", String.format(Locale.ROOT, "%.1f s (the runs' wall times added up)",
            CampaignFacts.totalWallMillis(runs) / 1000.0)))
        .append(fact("Crashtest", CampaignFacts.crashtestVersion()))
        .append(fact("Java", CampaignFacts.javaVersion()))
        .append(fact("written", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()))
        .append("</dl>\n<p>Rerun: <code class=\"command\">")
        .append(text(CampaignFacts.rerunCommand(seed, repeat, runs, sweeps))).append("</code></p>\n</header>\n");
  }

  private static String fact(String name, String value) {
    return "<div><dt>" + text(name) + "</dt><dd>" + text(value) + "</dd></div>";
  }

  private static void runsTable(StringBuilder html, List<RunResult> runs, List<Integer> order, List<Integer> tries,
      int repeat) {
    html.append("<table class=\"summary\"><thead><tr><th>verdict</th><th>scenario</th><th>agent</th>"
        + "<th>violated checks</th><th class=\"num\">time</th></tr></thead><tbody>\n");
    for (int i : order) {
      RunResult run = runs.get(i);
      String violated = run.verdict() == RunVerdict.SKIPPED ? run.error()
          : run.violations().isEmpty() && !run.error().isEmpty() ? "(could not run)"
          : run.violations().stream().map(CheckResult::checker).collect(Collectors.joining(", "));
      html.append("<tr class=\"").append(run.verdict().name().toLowerCase(Locale.ROOT)).append("\"><td>")
          .append(badge(run.verdict())).append("</td><td><a href=\"#run-").append(i + 1).append("\">")
          .append(text(CampaignFacts.label(run, tries.get(i), repeat))).append("</a></td><td>")
          .append(text(run.agent())).append("</td><td>").append(violated.isEmpty() ? "-" : text(violated))
          .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%.1f s", CampaignFacts.seconds(run)))
          .append("</td></tr>\n");
    }
    html.append("</tbody></table>\n");
  }

  static String badge(RunVerdict verdict) {
    return "<span class=\"verdict " + verdict.name().toLowerCase(Locale.ROOT) + "\">" + verdict + "</span>";
  }

  private static String counts(List<RunResult> runs) {
    return ORDER.stream().map(verdict -> runs.stream().filter(run -> run.verdict() == verdict).count() + " " + verdict)
        .collect(Collectors.joining(", "));
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
