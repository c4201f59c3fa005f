package dev.crashtest.reports;

import static dev.crashtest.history.Vocabulary.FAULT;
import static dev.crashtest.history.Vocabulary.FAULT_HEALED;
import static dev.crashtest.history.Vocabulary.FAULT_INJECTED;
import static dev.crashtest.history.Vocabulary.HARNESS;

import dev.crashtest.history.Op;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The spans a history's faults were in force: each {@code fault_injected} op to the {@code fault_healed} of the same fault. */
final class FaultWindows {
  private FaultWindows() {}

  /**
   * One fault's span.
   *
   * @param fault the fault as the scenario describes it
   * @param injected its {@code fault_injected} op
   * @param healed its {@code fault_healed} op, or null when it was never healed (a rotation, a run that ended first)
   */
  record Window(String fault, Op injected, Op healed) {}

  /** The windows in the order the faults were injected. */
  static List<Window> of(List<Op> ops) {
    List<Window> windows = new ArrayList<>();
    Set<Long> usedHeals = new HashSet<>();
    for (Op op : ops) {
      if (!op.is(HARNESS, FAULT_INJECTED)) {
        continue;
      }
      String fault = String.valueOf(op.text(FAULT));
      Op healed = ops.stream().filter(heal -> heal.index() > op.index() && heal.is(HARNESS, FAULT_HEALED)
          && fault.equals(heal.text(FAULT)) && !usedHeals.contains(heal.index())).findFirst().orElse(null);
      if (healed != null) {
        usedHeals.add(healed.index());
      }
      windows.add(new Window(fault, op, healed));
    }
    return windows;
  }
}
