package dev.crashtest.reports;

import static dev.crashtest.reports.HtmlEscaping.text;

import dev.crashtest.scenario.RunVerdict;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * What a team choosing a platform looks at beside the verdicts, per scenario and agent: recovery time, redone model
 * and service calls, duplicate effects, model tokens and wall time, each as a small bar chart (inline SVG, no
 * script, nothing fetched, like the timelines). One chart per measure; a row per scenario, a bar per agent in the
 * matrix's order and colours; skipped cells draw no bar, and a cell without the measure (no restart, so no
 * recovery) says so.
 */
final class ComparisonCharts {
  /** One colour per agent, in the matrix's order; more agents than colours reuse them. */
  private static final List<String> COLOURS = List.of("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2",
      "#b07aa1", "#edc948", "#9c755f");
  private static final int LABEL_WIDTH = 230;
  private static final int PLOT_WIDTH = 260;
  private static final int BAR = 9;
  private static final int GAP = 7;

  private ComparisonCharts() {}

  /** A measure of a cell: its value, or empty when the cell has none (skipped, or no restart to recover from). */
  private record Measure(String title, String unit, Function<Comparison.Cell, OptionalLong> value) {}

  private static final List<Measure> MEASURES = List.of(
      new Measure("Recovery time", "ms", cell -> cell.medianRecoveryMillis()),
      new Measure("Redone model calls", "", cell -> OptionalLong.of(cell.redoneModelCalls())),
      new Measure("Redone service calls", "", cell -> OptionalLong.of(cell.redoneCrmCalls())),
      new Measure("Duplicate effects", "", cell -> OptionalLong.of(cell.duplicates())),
      new Measure("Model tokens", "", cell -> OptionalLong.of(cell.medianModelTokens())),
      new Measure("Wall time", "ms", cell -> OptionalLong.of(cell.medianWallMillis())));

  /** The charts, under the matrix; nothing for a single agent. */
  static void render(StringBuilder html, Comparison comparison) {
    List<String> agents = comparison.agents().stream().map(Comparison.AgentSummary::agent).toList();
    if (agents.size() < 2) {
      return;
    }
    List<String> scenarios = comparison.cells().stream().map(Comparison.Cell::scenario).distinct().toList();
    html.append("<h3>Per scenario and agent</h3>\n<p class=\"muted\">Medians over the tries (recovery: restart to"
        + " first new work; tokens and wall time: per run), sums for redone calls and duplicates. No bar: skipped,"
        + " or nothing to measure.</p>\n<p class=\"legend\">");
    for (int i = 0; i < agents.size(); i++) {
      html.append("<span class=\"k\" style=\"color:").append(colour(i)).append("\">■</span> ")
          .append(text(agents.get(i))).append(' ');
    }
    html.append("</p>\n<div class=\"charts\">\n");
    for (Measure measure : MEASURES) {
      chart(html, measure, comparison, agents, scenarios);
    }
    html.append("</div>\n");
  }

  private static void chart(StringBuilder html, Measure measure, Comparison comparison, List<String> agents,
      List<String> scenarios) {
    long max = 1;
    for (Comparison.Cell cell : comparison.cells()) {
      OptionalLong value = measure.value().apply(cell);
      if (cell.verdict() != RunVerdict.SKIPPED && value.isPresent()) {
        max = Math.max(max, value.getAsLong());
      }
    }
    int rowHeight = agents.size() * BAR + GAP;
    int height = 24 + scenarios.size() * rowHeight;
    int width = LABEL_WIDTH + PLOT_WIDTH + 70;
    html.append("<figure class=\"chart\"><figcaption>").append(text(measure.title()))
        .append(measure.unit().isEmpty() ? "" : " (" + measure.unit() + ")").append("</figcaption>\n")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
        .append(height).append("\" role=\"img\" aria-label=\"").append(text(measure.title()))
        .append(" per scenario and agent\" font-family=\"sans-serif\" font-size=\"11\">\n");
    for (int row = 0; row < scenarios.size(); row++) {
      String scenario = scenarios.get(row);
      int top = 16 + row * rowHeight;
      html.append("<text x=\"").append(LABEL_WIDTH - 6).append("\" y=\"").append(top + agents.size() * BAR / 2 + 4)
          .append("\" text-anchor=\"end\">").append(text(scenario)).append("</text>\n");
      for (int a = 0; a < agents.size(); a++) {
        String agent = agents.get(a);
        Optional<Comparison.Cell> cell = comparison.cells().stream()
            .filter(c -> c.scenario().equals(scenario) && c.agent().equals(agent)).findFirst();
        OptionalLong value = cell.filter(c -> c.verdict() != RunVerdict.SKIPPED)
            .map(c -> measure.value().apply(c)).orElse(OptionalLong.empty());
        int y = top + a * BAR;
        if (value.isEmpty()) {
          continue;
        }
        long v = value.getAsLong();
        int length = (int) Math.round(PLOT_WIDTH * (double) v / max);
        html.append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"")
            .append(Math.max(length, v > 0 ? 1 : 0)).append("\" height=\"").append(BAR - 1).append("\" fill=\"")
            .append(colour(a)).append("\"><title>").append(text(agent + " · " + scenario + ": " + v
                + (measure.unit().isEmpty() ? "" : " " + measure.unit()))).append("</title></rect>")
            .append("<text x=\"").append(LABEL_WIDTH + length + 4).append("\" y=\"").append(y + BAR - 1)
            .append("\" font-size=\"9\">").append(String.format(Locale.ROOT, "%d", v)).append("</text>\n");
      }
    }
    html.append("</svg></figure>\n");
  }

  private static String colour(int index) {
    return COLOURS.get(index % COLOURS.size());
  }
}
