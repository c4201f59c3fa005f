package dev.crashtest.reports;

import static dev.crashtest.history.Vocabulary.AGENT_KILLED;
import static dev.crashtest.history.Vocabulary.AGENT_PAUSED;
import static dev.crashtest.history.Vocabulary.AGENT_READY;
import static dev.crashtest.history.Vocabulary.AGENT_RESTARTED;
import static dev.crashtest.history.Vocabulary.AGENT_RESUMED;
import static dev.crashtest.history.Vocabulary.HARNESS;
import static dev.crashtest.history.Vocabulary.PLATFORM_KILLED;
import static dev.crashtest.history.Vocabulary.PLATFORM_RESTARTED;
import static dev.crashtest.history.Vocabulary.STANDBY_READY;
import static dev.crashtest.history.Vocabulary.STANDBY_STARTED;
import static dev.crashtest.reports.HtmlEscaping.text;

import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.Vocabulary;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A run's history drawn as Jepsen draws one: a swimlane per party, each op a mark at its time that links to its row
 * in the op table ({@code #<prefix>-op-<index>}), fault windows shaded, crashes and restarts drawn across every lane.
 * Static SVG: tooltips are {@code <title>} elements, nothing needs JavaScript.
 */
final class TimelineSvg {
  static final int WIDTH = 1200;
  private static final int LEFT = 130;
  private static final int RIGHT = 24;
  /** Room above the lanes for fault numbers and the names of kills and restarts. */
  private static final int TOP = 44;
  private static final int LANE = 30;
  private static final int AXIS = 30;
  private static final Set<String> CRASHES = Set.of(AGENT_KILLED, PLATFORM_KILLED);
  /** A process started again: drawn where it was started, before it answers its health check. */
  private static final Set<String> RESTARTS = Set.of(AGENT_RESTARTED, PLATFORM_RESTARTED, STANDBY_STARTED);
  /** A started agent or standby answered its health check: the harness talks to it from here. */
  private static final Set<String> READY = Set.of(AGENT_READY, STANDBY_READY);

  private final List<Op> ops;
  private final String prefix;
  private final Set<Long> evidence;
  private final long start;
  private final long span;
  private final StringBuilder svg = new StringBuilder();

  private TimelineSvg(List<Op> ops, String prefix, Set<Long> evidence) {
    this.ops = ops;
    this.prefix = prefix;
    this.evidence = evidence;
    this.start = ops.stream().mapToLong(Op::timeMillis).min().orElse(0);
    this.span = Math.max(1, ops.stream().mapToLong(Op::timeMillis).max().orElse(0) - start);
  }

  /** The timeline of {@code history}; ops whose index is in {@code evidence} are ringed. */
  static String render(History history, String prefix, Set<Long> evidence) {
    return new TimelineSvg(history.ops(), prefix, evidence).draw();
  }

  private String draw() {
    int bottom = TOP + Lane.values().length * LANE;
    svg.append("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH)
        .append(' ').append(bottom + AXIS).append("\" role=\"img\" aria-label=\"timeline of ").append(ops.size())
        .append(" ops\">\n");
    for (Lane lane : Lane.values()) {
      int y = TOP + lane.ordinal() * LANE;
      svg.append("<rect class=\"lane lane-").append(lane.ordinal() % 2).append("\" x=\"0\" y=\"").append(y)
          .append("\" width=\"").append(WIDTH).append("\" height=\"").append(LANE).append("\"/>")
          .append("<text class=\"lane-label\" x=\"8\" y=\"").append(y + LANE / 2 + 4).append("\">")
          .append(text(lane.label)).append("</text>\n");
    }
    axis(bottom);
    List<FaultWindows.Window> windows = FaultWindows.of(ops);
    for (int i = 0; i < windows.size(); i++) {
      faultWindow(windows.get(i), i + 1, bottom);
    }
    pauses();
    events(bottom);
    marks();
    return svg.append("</svg>").toString();
  }

  private void axis(int bottom) {
    long step = tickStep(span);
    svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
        .append(bottom).append("\" y2=\"").append(bottom).append("\"/>\n");
    for (long t = (start + step - 1) / step * step; t <= start + span; t += step) {
      String x = fmt(LEFT + (double) (t - start) * (WIDTH - LEFT - RIGHT) / span);
      svg.append("<line class=\"grid\" x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"")
          .append(TOP).append("\" y2=\"").append(bottom + 4).append("\"/>")
          .append("<text class=\"tick\" x=\"").append(x).append("\" y=\"").append(bottom + 18).append("\">")
          .append(tickLabel(t, step)).append("</text>\n");
    }
  }

  private void faultWindow(FaultWindows.Window window, int number, int bottom) {
    double from = x(window.injected());
    double to = window.healed() == null ? WIDTH - RIGHT : x(window.healed());
    String until = window.healed() == null ? "not healed by the end of the run"
        : "healed at op #" + window.healed().index();
    svg.append("<g class=\"fault-window").append(window.healed() == null ? " open" : "").append("\">")
        .append("<title>").append(text("F" + number + ": " + window.fault() + " (injected at op #"
            + window.injected().index() + ", " + until + ")")).append("</title>")
        .append("<rect x=\"").append(fmt(from)).append("\" y=\"").append(TOP).append("\" width=\"")
        .append(fmt(Math.max(2, to - from))).append("\" height=\"").append(bottom - TOP).append("\"/>")
        .append("<text class=\"fault-label\" x=\"").append(fmt(from + 3)).append("\" y=\"").append(TOP - 31)
        .append("\">").append(text(faultLabel(number, window.fault(), to - from))).append("</text></g>\n");
  }

  /** {@code F1 kill -9 the agent…}: the fault's number, and as much of its description as fits over its window. */
  static String faultLabel(int number, String fault, double width) {
    String label = "F" + number;
    int fits = (int) ((width - 6) / 6.3);
    String full = label + " " + fault;
    if (full.length() <= fits) {
      return full;
    }
    return fits > label.length() + 4 ? full.substring(0, fits - 1) + "…" : label;
  }

  /**
   * Kills, restarts and readiness as lines across every lane, named above the lanes; crowded names alternate rows.
   * A restart is drawn where the process was started, its readiness where it first answered its health check.
   */
  private void events(int bottom) {
    double lastLabel = Double.NEGATIVE_INFINITY;
    boolean raised = false;
    for (Op op : ops) {
      String kind = eventKind(op);
      if (kind == null) {
        continue;
      }
      String x = fmt(x(op));
      raised = x(op) - lastLabel < 90 && !raised;
      lastLabel = x(op);
      svg.append("<line class=\"").append(kind).append("-line\" x1=\"").append(x).append("\" x2=\"").append(x)
          .append("\" y1=\"").append(TOP).append("\" y2=\"").append(bottom).append("\"/>")
          .append("<text class=\"event-label ").append(kind).append("\" x=\"").append(x).append("\" y=\"")
          .append(raised ? TOP - 17 : TOP - 5).append("\">").append(text(op.operation().replace('_', ' ')))
          .append("</text>\n");
    }
  }

  /** {@code crash}, {@code restart} or {@code ready} for the harness ops drawn across every lane, else null. */
  private static String eventKind(Op op) {
    if (!op.service().equals(HARNESS)) {
      return null;
    }
    if (CRASHES.contains(op.operation())) {
      return "crash";
    }
    if (RESTARTS.contains(op.operation())) {
      return "restart";
    }
    return READY.contains(op.operation()) ? "ready" : null;
  }

  /** SIGSTOP to SIGCONT: the agent lane shaded while the agent was frozen. */
  private void pauses() {
    Op paused = null;
    for (Op op : ops) {
      if (op.is(HARNESS, AGENT_PAUSED)) {
        paused = op;
      } else if (op.is(HARNESS, AGENT_RESUMED) && paused != null) {
        svg.append("<rect class=\"paused\" x=\"").append(fmt(x(paused))).append("\" y=\"")
            .append(TOP + Lane.AGENT.ordinal() * LANE + 4).append("\" width=\"")
            .append(fmt(Math.max(2, x(op) - x(paused)))).append("\" height=\"").append(LANE - 8).append("\">")
            .append("<title>agent paused from op #").append(paused.index()).append(" to op #").append(op.index())
            .append("</title></rect>\n");
        paused = null;
      }
    }
  }

  private void marks() {
    Map<Lane, Double> lastX = new HashMap<>();
    Map<Lane, Integer> stacked = new HashMap<>();
    for (Op op : ops) {
      Lane lane = Lane.of(op);
      double x = x(op);
      boolean crowded = lastX.containsKey(lane) && x - lastX.get(lane) < 7;
      int level = crowded ? stacked.merge(lane, 1, Integer::sum) % 3 : 0;
      stacked.put(lane, level);
      lastX.put(lane, x);
      double y = TOP + lane.ordinal() * LANE + LANE / 2.0 + (level == 1 ? -7 : level == 2 ? 7 : 0);
      svg.append("<a href=\"#").append(prefix).append("-op-").append(op.index()).append("\"><title>")
          .append(text(op.describe() + " by " + op.actor() + " " + OpDetails.of(op))).append("</title>");
      if (evidence.contains(op.index())) {
        svg.append("<circle class=\"evidence\" cx=\"").append(fmt(x)).append("\" cy=\"").append(fmt(y))
            .append("\" r=\"9\"/>");
      }
      svg.append(shape(op, x, y)).append("</a>\n");
    }
  }

  private static String shape(Op op, double x, double y) {
    String cx = fmt(x);
    String cy = fmt(y);
    String kind = eventKind(op);
    if ("crash".equals(kind)) {
      return "<path class=\"mark crash\" d=\"M" + fmt(x - 6) + " " + fmt(y - 6) + "L" + fmt(x + 6) + " " + fmt(y + 6)
          + "M" + fmt(x - 6) + " " + fmt(y + 6) + "L" + fmt(x + 6) + " " + fmt(y - 6) + "\"/>";
    }
    if ("restart".equals(kind)) {
      return "<path class=\"mark restart\" d=\"M" + cx + " " + fmt(y - 7) + "L" + fmt(x + 6) + " " + fmt(y + 5) + "L"
          + fmt(x - 6) + " " + fmt(y + 5) + "Z\"/>";
    }
    if ("ready".equals(kind)) {
      return "<path class=\"mark ready\" d=\"M" + cx + " " + fmt(y - 6) + "L" + fmt(x + 6) + " " + cy + "L" + cx + " "
          + fmt(y + 6) + "L" + fmt(x - 6) + " " + cy + "Z\"/>";
    }
    return "<circle class=\"mark " + op.type().name().toLowerCase(Locale.ROOT) + "\" cx=\"" + cx + "\" cy=\"" + cy
        + "\" r=\"5\"/>";
  }

  private double x(Op op) {
    return LEFT + (double) (op.timeMillis() - start) * (WIDTH - LEFT - RIGHT) / span;
  }

  /** The smallest of 1, 2, 5 × 10^n milliseconds that puts at most ten ticks on the axis. */
  static long tickStep(long spanMillis) {
    long step = 1;
    while (true) {
      for (long factor : new long[] {1, 2, 5}) {
        if (spanMillis / (step * factor) <= 10) {
          return step * factor;
        }
      }
      step *= 10;
    }
  }

  static String tickLabel(long millis, long step) {
    if (step >= 1000) {
      return millis / 1000 + " s";
    }
    return String.format(Locale.ROOT, step >= 100 ? "%.1f s" : "%.2f s", millis / 1000.0);
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /** The parties of a run, top to bottom. */
  enum Lane {
    AGENT("agent"),
    MODEL("model"),
    IDENTITY("identity provider"),
    CRM("CRM"),
    PLATFORM("platform"),
    HARNESS("harness / nemesis");

    /** The runner's calls to the agent's control API, and the standby worker. */
    private static final Set<String> AGENT_OPERATIONS = Set.of(Vocabulary.SUBMIT_TASK, Vocabulary.TASK_STATUS,
        Vocabulary.APPROVE, STANDBY_STARTED, STANDBY_READY);

    final String label;

    Lane(String label) {
      this.label = label;
    }

    /** Model, identity and CRM ops by service; the harness's ops by whom they concern: the agent, its platform, or none. */
    static Lane of(Op op) {
      return switch (op.service()) {
        case Vocabulary.MODEL -> MODEL;
        case Vocabulary.IDENTITY -> IDENTITY;
        case Vocabulary.CRM -> CRM;
        case "platform" -> PLATFORM;
        default -> op.operation().startsWith("platform_") ? PLATFORM
            : op.operation().startsWith("agent_") || AGENT_OPERATIONS.contains(op.operation()) ? AGENT : HARNESS;
      };
    }
  }
}
