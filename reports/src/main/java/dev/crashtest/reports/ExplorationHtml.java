package dev.crashtest.reports;

import static dev.crashtest.reports.HtmlEscaping.text;

import dev.crashtest.scenario.RunResult;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The exploration in index.html, above the runs: how many runs and faults of each family were tried, then each
 * finding with its minimal schedule, shrink steps, scenario file, reproduce command and the timeline of its minimal
 * run (the same drawing as that run's section, its marks linking to that section's ops).
 */
final class ExplorationHtml {
  private final Report report;
  private final ExplorationSection section;
  private final StringBuilder html;

  private ExplorationHtml(Report report, ExplorationSection section, StringBuilder html) {
    this.report = report;
    this.section = section;
    this.html = html;
  }

  static void render(StringBuilder html, Report report, ExplorationSection section) {
    new ExplorationHtml(report, section, html).draw();
  }

  /** {@code Exploration: 30 runs, seed 1, 2 failure(s) found}. */
  static String title(ExplorationSection section) {
    return "Exploration: " + section.runs() + " run" + (section.runs() == 1 ? "" : "s") + ", seed " + section.seed()
        + ", " + section.findings().size() + " failure(s) found";
  }

  private void draw() {
    html.append("<section class=\"exploration\" id=\"exploration\">\n<h2>").append(text(title(section)))
        .append("</h2>\n<p class=\"muted\">Agent ").append(text(section.agent())).append(" · ")
        .append(section.boundaries().size()).append(" boundaries · ").append(section.shrinkRuns())
        .append(" shrink run(s) · ").append(section.elapsedSeconds()).append(" s</p>\n");
    boolean explored = section.faultsInAll() > 0 || section.stoppedEarly().isEmpty();
    if (!section.stoppedEarly().isEmpty()) {
      html.append("<p class=\"error\"><b>").append(explored ? "Stopped early" : "Nothing was explored")
          .append(":</b> ").append(text(section.stoppedEarly())).append("</p>\n");
    }
    faultsTried();
    if (section.findings().isEmpty() && explored) {
      html.append("<p class=\"none-found\">No failure found in ").append(section.runs()).append(" run")
          .append(section.runs() == 1 ? "" : "s").append(".</p>\n");
    }
    for (int i = 0; i < section.findings().size(); i++) {
      finding(i + 1, section.findings().get(i));
    }
    html.append("</section>\n");
  }

  private void faultsTried() {
    html.append("<table class=\"faults-tried\"><thead><tr><th>fault family</th><th class=\"num\">faults tried</th>"
        + "</tr></thead><tbody>\n");
    for (Map.Entry<String, Integer> family : section.faultsTried().entrySet()) {
      html.append("<tr").append(family.getValue() == 0 ? " class=\"none\"" : "").append("><td>")
          .append(text(family.getKey())).append("</td><td class=\"num\">").append(family.getValue())
          .append("</td></tr>\n");
    }
    html.append("</tbody></table>\n");
  }

  private void finding(int number, ExplorationSection.Found found) {
    html.append("<div class=\"finding\" id=\"finding-").append(number).append("\">\n<h3>")
        .append(HtmlReport.badge(dev.crashtest.scenario.RunVerdict.FAIL)).append(" <b>").append(text(found.checker()))
        .append("</b> <span class=\"muted\">").append(text(found.name())).append(" · found in ");
    link(found.exploredRun(), "run " + found.foundInRun());
    html.append("</span></h3>\n<p>Minimal schedule (").append(found.faults()).append(" fault")
        .append(found.faults() == 1 ? "" : "s").append("): <span class=\"schedule\">").append(text(found.schedule()))
        .append("</span></p>\n<p>Reproduce: <code class=\"command reproduce\">").append(text(found.reproduce()))
        .append("</code></p>\n<p class=\"muted\">Scenario file: <code class=\"scenario-file\">")
        .append(text(found.file())).append("</code></p>\n");
    if (found.shrinkSteps().isEmpty()) {
      html.append("<p class=\"muted\">Shrink steps: none (it was already minimal).</p>\n");
    } else {
      html.append("<p class=\"muted\">Shrink steps:</p>\n<ol class=\"shrink-steps\">\n");
      found.shrinkSteps().forEach(step -> html.append("<li>").append(text(step)).append("</li>\n"));
      html.append("</ol>\n");
    }
    timeline(found);
    html.append("</div>\n");
  }

  /** The minimal run's timeline, drawn as its run section draws it; its marks link to that section's ops. */
  private void timeline(ExplorationSection.Found found) {
    OptionalInt index = indexOf(found.minimalRun());
    if (index.isEmpty()) {
      html.append("<p class=\"muted\">No run of the minimal schedule is in this report.</p>\n");
      return;
    }
    String id = "run-" + (index.getAsInt() + 1);
    html.append("<h4>Timeline of the minimal run <a href=\"#").append(id).append("\">")
        .append(text(found.minimalRun())).append("</a></h4>\n");
    RunResult run = report.results().get(index.getAsInt());
    if (run.history().ops().isEmpty()) {
      html.append("<p class=\"muted\">No ops were recorded.</p>\n");
      return;
    }
    Set<Long> evidence = new HashSet<>();
    run.violations().forEach(check -> evidence.addAll(check.evidence()));
    html.append("<div class=\"timeline-box\">").append(TimelineSvg.render(run.history(), id, evidence))
        .append("</div>\n").append(HtmlReport.LEGEND);
  }

  private void link(String scenario, String label) {
    OptionalInt index = indexOf(scenario);
    if (index.isEmpty()) {
      html.append(text(label));
    } else {
      html.append("<a href=\"#run-").append(index.getAsInt() + 1).append("\">").append(text(label)).append("</a>");
    }
  }

  /** Where the run of {@code scenario} is among the report's runs. */
  private OptionalInt indexOf(String scenario) {
    List<ReportRun> runs = report.runs();
    if (scenario == null) {
      return OptionalInt.empty();
    }
    return IntStream.range(0, runs.size()).filter(i -> runs.get(i).scenario().equals(scenario)).findFirst();
  }
}
