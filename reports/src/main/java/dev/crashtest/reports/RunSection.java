package dev.crashtest.reports;

import static dev.crashtest.reports.HtmlEscaping.text;

import dev.crashtest.check.AuditTrail;
import dev.crashtest.check.CheckResult;
import dev.crashtest.check.Verdict;
import dev.crashtest.history.Op;
import dev.crashtest.history.Vocabulary;
import dev.crashtest.scenario.RunMetrics;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One run in index.html: verdict, the scenario file it came from (when it did), the violated checks with links to
 * the ops that prove them, the reproduce command, the timeline, the audit table and every op. Open for a run that
 * failed or errored, collapsed otherwise.
 */
final class RunSection {
  private final RunResult run;
  private final ReportRun entry;
  private final String id;
  private final TraceLinks links;
  private final Set<Long> evidence = new HashSet<>();
  private final StringBuilder html = new StringBuilder();

  private RunSection(RunResult run, ReportRun entry, int number, TraceLinks links) {
    this.run = run;
    this.entry = entry;
    this.id = "run-" + number;
    this.links = links;
    run.violations().forEach(check -> evidence.addAll(check.evidence()));
  }

  /**
   * The section of the {@code number}th run (from 1), as the report holds it in {@code entry}, whose label is
   * {@code label}; file links relative to {@code directory}; the spans faults came from shown by {@code links}.
   */
  static String render(RunResult run, ReportRun entry, int number, String label, Path directory,
      TraceLinks links) {
    return new RunSection(run, entry, number, links).draw(label, directory);
  }

  static boolean opensByDefault(RunResult run) {
    return run.verdict() == RunVerdict.FAIL || run.verdict() == RunVerdict.ERROR;
  }

  private String draw(String label, Path directory) {
    String verdict = run.verdict().name();
    html.append("<details class=\"run ").append(verdict.toLowerCase(Locale.ROOT)).append("\" id=\"").append(id)
        .append('"').append(opensByDefault(run) ? " open" : "").append(">\n<summary>")
        .append(HtmlReport.badge(run.verdict())).append(" <b>").append(text(label)).append("</b> × ")
        .append(text(run.agent())).append(" <span class=\"muted\">seed ").append(run.seed()).append(" · ")
        .append(String.format(Locale.ROOT, "%.1f s", run.metrics().getOrDefault(RunMetrics.WALL_TIME_MILLIS, 0L)
            / 1000.0)).append("</span></summary>\n");
    if (entry.scenarioFile() != null) {
      html.append("<p class=\"muted\">Scenario file: <code class=\"scenario-file\">")
          .append(text(entry.scenarioFile().path())).append("</code> · sha256 ")
          .append(text(entry.scenarioFile().sha256())).append("</p>\n");
    }
    if (run.verdict() == RunVerdict.SKIPPED) {
      html.append("<p>Skipped: ").append(text(run.error())).append("</p>\n</details>\n");
      return html.toString();
    }
    if (!run.error().isEmpty()) {
      html.append("<p class=\"error\"><b>Could not run:</b> ").append(text(run.error())).append("</p>\n");
    }
    violations();
    html.append("<p>Reproduce: <code>").append(text(entry.reproduce())).append("</code>");
    file("history.jsonl", directory);
    file("agent.log", directory);
    html.append("</p>\n<p class=\"muted\">").append(text(metrics())).append("</p>\n");
    timeline();
    audit();
    ops();
    return html.append("</details>\n").toString();
  }

  private void violations() {
    List<CheckResult> passed = run.checks().stream().filter(check -> check.verdict() == Verdict.PASS).toList();
    if (!run.violations().isEmpty()) {
      html.append("<h3>Violated checks</h3>\n<ul class=\"violations\">\n");
      for (CheckResult check : run.violations()) {
        html.append("<li><b>").append(text(check.checker())).append("</b>")
            .append(check.verdict() == Verdict.UNKNOWN ? " (could not decide)" : "").append(": ")
            .append(text(check.message()));
        if (!check.evidence().isEmpty()) {
          html.append("<div class=\"evidence-links\">Evidence: ").append(check.evidence().stream()
              .map(index -> "<a href=\"#" + id + "-op-" + index + "\">" + opName(index) + "</a>")
              .collect(Collectors.joining(", "))).append("</div>");
        }
        html.append("</li>\n");
      }
      html.append("</ul>\n");
    }
    if (!passed.isEmpty()) {
      html.append("<p class=\"muted\">Passed: ").append(passed.stream()
          .map(check -> "<span title=\"" + text(check.message()) + "\">" + text(check.checker()) + "</span>")
          .collect(Collectors.joining(", "))).append("</p>\n");
    }
  }

  private String opName(long index) {
    List<Op> ops = run.history().ops();
    String name = index >= 0 && index < ops.size() ? " " + ops.get((int) index).operation() : "";
    return "op #" + index + text(name);
  }

  private void file(String name, Path directory) {
    Path file = run.directory().resolve(name);
    if (Files.isRegularFile(file)) {
      html.append(" · <a href=\"").append(text(ReportRun.relative(directory, file))).append("\">").append(name)
          .append("</a>");
    }
  }

  private String metrics() {
    Long recovery = run.metrics().get(RunMetrics.RECOVERY_MILLIS);
    Long downtime = run.metrics().get(RunMetrics.DOWNTIME_MILLIS);
    String recovered = recovery != null ? recovery + " ms"
        : metric(RunMetrics.UNRECOVERED_RESTARTS) > 0 ? "never" : "-";
    return "model calls " + metric(RunMetrics.MODEL_CALLS) + " · CRM calls " + metric(RunMetrics.CRM_CALLS)
        + " · side effects " + metric(RunMetrics.SIDE_EFFECTS) + " (duplicates " + metric(RunMetrics.DUPLICATE_EFFECTS)
        + ") · restarts " + metric(RunMetrics.RESTARTS) + (downtime == null ? "" : " (down " + downtime + " ms)")
        + " · recovery " + recovered + " · model tokens " + metric(RunMetrics.MODEL_TOKENS);
  }

  private long metric(String name) {
    return run.metrics().getOrDefault(name, 0L);
  }

  private void timeline() {
    List<Op> ops = run.history().ops();
    html.append("<h3>Timeline</h3>\n");
    if (ops.isEmpty()) {
      html.append("<p class=\"muted\">No ops were recorded.</p>\n");
      return;
    }
    html.append("<div class=\"timeline-box\">").append(TimelineSvg.render(run.history(), id, evidence))
        .append("</div>\n").append(HtmlReport.LEGEND);
    List<FaultWindows.Window> windows = FaultWindows.of(ops);
    if (!windows.isEmpty()) {
      html.append("<ol class=\"faults\">\n");
      for (int i = 0; i < windows.size(); i++) {
        FaultWindows.Window window = windows.get(i);
        html.append("<li><b>F").append(i + 1).append("</b> ").append(links.fault(window.injected()))
            .append(": <a href=\"#")
            .append(id).append("-op-").append(window.injected().index()).append("\">injected +")
            .append(window.injected().timeMillis()).append(" ms</a> → ");
        if (window.healed() == null) {
          html.append("not healed");
        } else {
          html.append("<a href=\"#").append(id).append("-op-").append(window.healed().index()).append("\">healed +")
              .append(window.healed().timeMillis()).append(" ms</a>");
        }
        html.append("</li>\n");
      }
      html.append("</ol>\n");
    }
    missedFaults(ops);
  }

  /** The faults that never fired ({@code fault_missed}), each with what the run did instead. */
  private void missedFaults(List<Op> ops) {
    List<Op> missed = ops.stream().filter(op -> op.is(Vocabulary.HARNESS, Vocabulary.FAULT_MISSED)).toList();
    if (missed.isEmpty()) {
      return;
    }
    html.append("<ul class=\"faults missed\">\n");
    for (Op op : missed) {
      html.append("<li><a href=\"#").append(id).append("-op-").append(op.index()).append("\"><b>never fired")
          .append(op.flag(Vocabulary.OPTIONAL) ? " (optional)" : "").append("</b></a> ")
          .append(links.fault(op)).append(": trigger [").append(text(op.text(Vocabulary.TRIGGER)))
          .append("]; ").append(text(String.valueOf(op.text(Vocabulary.NEAREST_MISS)))).append("</li>\n");
    }
    html.append("</ul>\n");
  }

  private void audit() {
    List<AuditTrail.Entry> entries = AuditTrail.of(run.history());
    html.append("<h3>Audit: CRM writes</h3>\n");
    if (entries.isEmpty()) {
      html.append("<p class=\"muted\">No CRM write was attempted.</p>\n");
      return;
    }
    html.append("<table class=\"audit\"><thead><tr><th>op</th><th>time</th><th>write</th><th>agent</th><th>user</th>"
        + "<th>scope</th><th>token id</th><th>verdict</th></tr></thead><tbody>\n");
    for (AuditTrail.Entry entry : entries) {
      boolean flagged = !entry.verdict().equals(AuditTrail.OK);
      html.append("<tr").append(flagged ? " class=\"flagged\"" : "").append("><td><a href=\"#").append(id)
          .append("-op-").append(entry.index()).append("\">#").append(entry.index()).append("</a></td><td>+")
          .append(entry.timeMillis()).append(" ms</td>");
      for (String cell : new String[] {entry.operation(), entry.agent(), entry.user(), entry.scope(), entry.tokenId(),
          entry.verdict()}) {
        html.append("<td>").append(cell == null ? "-" : text(cell)).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</tbody></table>\n");
  }

  private void ops() {
    List<Op> ops = run.history().ops();
    html.append("<details class=\"ops\"").append(opensByDefault(run) ? " open" : "").append("><summary>All ")
        .append(ops.size()).append(" ops</summary>\n<table class=\"ops\"><thead><tr><th>#</th><th>time</th>"
            + "<th>service</th><th>actor</th><th>operation</th><th>type</th><th>details</th></tr></thead><tbody>\n");
    for (Op op : ops) {
      html.append("<tr id=\"").append(id).append("-op-").append(op.index()).append('"')
          .append(evidence.contains(op.index()) ? " class=\"evidence\"" : "").append("><td>").append(op.index())
          .append("</td><td>+").append(op.timeMillis()).append(" ms</td><td>").append(text(op.service()))
          .append("</td><td>").append(text(op.actor())).append("</td><td>").append(text(op.operation()))
          .append("</td><td class=\"type ").append(op.type().name().toLowerCase(Locale.ROOT)).append("\">")
          .append(op.type()).append("</td><td class=\"details\">").append(text(OpDetails.of(op)))
          .append("</td></tr>\n");
    }
    html.append("</tbody></table>\n</details>\n");
  }
}
