package dev.crashtest.reports;

import static dev.crashtest.reports.HtmlEscaping.text;

import dev.crashtest.scenario.RunVerdict;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** The scenario × agent matrix of index.html: per cell the verdict, tries passed and pass^k; per agent its mean pass^k. */
final class ComparisonMatrix {
  private ComparisonMatrix() {}

  static void render(StringBuilder html, Comparison comparison) {
    List<String> agents = comparison.agents().stream().map(Comparison.AgentSummary::agent).toList();
    List<String> scenarios = comparison.cells().stream().map(Comparison.Cell::scenario).distinct().toList();
    html.append("<h2>Comparison</h2>\n<p class=\"muted\">pass^").append(comparison.k()).append(": the chance that ")
        .append(comparison.k()).append(comparison.k() == 1 ? " try passes" : " tries all pass")
        .append(", per scenario × agent; skipped cells count for nothing.</p>\n")
        .append("<table class=\"matrix\"><thead><tr><th>scenario</th>");
    agents.forEach(agent -> html.append("<th>").append(text(agent)).append("</th>"));
    html.append("</tr></thead><tbody>\n");
    for (String scenario : scenarios) {
      html.append("<tr><th>").append(text(scenario)).append("</th>");
      for (String agent : agents) {
        Optional<Comparison.Cell> cell = comparison.cells().stream()
            .filter(c -> c.scenario().equals(scenario) && c.agent().equals(agent)).findFirst();
        html.append(cell.map(c -> "<td class=\"" + c.verdict().name().toLowerCase(Locale.ROOT) + "\">"
            + HtmlReport.badge(c.verdict()) + (c.verdict() == RunVerdict.SKIPPED ? "" : " " + c.passed() + "/"
            + c.tries() + " · pass^" + comparison.k() + " " + passK(c.passK())) + "</td>")
            .orElse("<td class=\"muted\">-</td>"));
      }
      html.append("</tr>\n");
    }
    html.append("</tbody><tfoot><tr><th>pass^").append(comparison.k()).append(" (mean)</th>");
    comparison.agents().forEach(agent -> html.append("<td>").append(passK(agent.passK())).append(" over ")
        .append(agent.scenarios()).append(agent.scenarios() == 1 ? " scenario" : " scenarios").append("</td>"));
    html.append("</tr></tfoot></table>\n");
  }

  private static String passK(OptionalDouble value) {
    return value.isPresent() ? String.format(Locale.ROOT, "%.2f", value.getAsDouble()) : "-";
  }
}
