package dev.crashtest.explore;

import dev.crashtest.check.WorkloadServices;
import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import dev.crashtest.history.Vocabulary;
import dev.crashtest.scenario.CrashPoint;
import dev.crashtest.scenario.CrashPoints;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a clean run of the task showed: every boundary the agent met (each model and service answer, in order), the
 * operations that committed an effect, and how long it took. Faults are placed on these.
 *
 * @param points the boundaries, in the order the agent met them
 * @param committed the {@code service.operation}s that committed an effect
 * @param millis how long the clean run took
 */
public record Boundaries(List<CrashPoint> points, List<String> committed, long millis) {

  public Boundaries {
    points = List.copyOf(points);
    committed = List.copyOf(committed);
  }

  /** The boundaries of a clean run's history. */
  public static Boundaries of(History history) {
    Set<String> committed = new LinkedHashSet<>();
    for (Op op : history.ops()) {
      if (WorkloadServices.isWorkloadService(op.service()) && op.type() == OpType.OK
          && op.text(Vocabulary.EFFECT_ID) != null && !op.flag(Vocabulary.REPLAYED)) {
        committed.add(op.service() + "." + op.operation());
      }
    }
    List<Op> ops = history.ops();
    long millis = ops.isEmpty() ? 0 : ops.get(ops.size() - 1).timeMillis() - ops.get(0).timeMillis();
    return new Boundaries(CrashPoints.of(history), new ArrayList<>(committed), millis);
  }

  @Override
  public String toString() {
    return points.size() + " boundaries, " + committed.size() + " committing operation(s), " + millis + " ms";
  }
}
