package dev.crashtest.scenario;

import static dev.crashtest.history.Vocabulary.CHAT_COMPLETION;
import static dev.crashtest.history.Vocabulary.CRM;
import static dev.crashtest.history.Vocabulary.MODEL;
import static dev.crashtest.history.Vocabulary.TOOL_CALLS;

import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the durable boundaries of a run in its history: every answer the agent received from the model
 * ({@code chat_completion}) or the CRM (any operation but the harness's {@code audit}), in order, each named by
 * service, operation and occurrence. Killing the agent at each of them, in a run of the same task, is a
 * crash-point sweep. A pure function of the history.
 *
 * <pre>{@code
 * List<CrashPoint> points = CrashPoints.of(cleanRun.history());
 * // [model:chat_completion#1 (get_account), crm:get_account#1, model:chat_completion#2 (create_quote), ...]
 * }</pre>
 */
public final class CrashPoints {
  static final String AUDIT = "audit";

  private CrashPoints() {}

  /** Every boundary of the history, in the order the agent met them. */
  public static List<CrashPoint> of(History history) {
    Map<String, Integer> occurrences = new HashMap<>();
    List<CrashPoint> points = new ArrayList<>();
    for (Op op : history.ops()) {
      if (!isBoundary(op)) {
        continue;
      }
      int occurrence = occurrences.merge(op.service() + ":" + op.operation(), 1, Integer::sum);
      points.add(new CrashPoint(op.service(), op.operation(), occurrence, step(op)));
    }
    return List.copyOf(points);
  }

  /**
   * At most {@code max} boundaries, spread evenly over the run (always the first; the last when {@code max}
   * allows), so a long run is still swept end to end in bounded time.
   */
  public static List<CrashPoint> of(History history, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("a sweep needs at least 1 crash point, got max [" + max + "]");
    }
    return spread(of(history), max);
  }

  static List<CrashPoint> spread(List<CrashPoint> all, int max) {
    if (all.size() <= max) {
      return all;
    }
    List<CrashPoint> chosen = new ArrayList<>();
    for (int i = 0; i < max; i++) {
      chosen.add(all.get(max == 1 ? 0 : (int) Math.round(i * (all.size() - 1) / (double) (max - 1))));
    }
    return List.copyOf(chosen);
  }

  private static boolean isBoundary(Op op) {
    return Triggers.isAgentCall(op, MODEL, CHAT_COMPLETION)
        || (dev.crashtest.check.WorkloadServices.isWorkloadService(op.service()) && !op.operation().equals(AUDIT)
            && !op.operation().equals("unknown") && Triggers.isAgentCall(op, op.service(), op.operation()));
  }

  private static String step(Op op) {
    if (!op.service().equals(MODEL)) {
      return "";
    }
    List<String> tools = op.list(TOOL_CALLS);
    return tools.isEmpty() ? "answer" : "asks for " + String.join(", ", tools);
  }
}
