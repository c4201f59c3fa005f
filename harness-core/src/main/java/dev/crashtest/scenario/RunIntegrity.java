package dev.crashtest.scenario;

import static dev.crashtest.history.Vocabulary.BODY;
import static dev.crashtest.history.Vocabulary.ERROR;
import static dev.crashtest.history.Vocabulary.EVENT_REJECTED;
import static dev.crashtest.history.Vocabulary.FAULT;
import static dev.crashtest.history.Vocabulary.FAULT_FAILED;
import static dev.crashtest.history.Vocabulary.FAULT_MISSED;
import static dev.crashtest.history.Vocabulary.HARNESS;
import static dev.crashtest.history.Vocabulary.NEAREST_MISS;
import static dev.crashtest.history.Vocabulary.OPTIONAL;
import static dev.crashtest.history.Vocabulary.TRIGGER;

import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a run tested what its scenario claims, from its history alone: every fault fired and was applied, and
 * every event the services sent is in the history. A run that fails this is ERROR, never judged: Jepsen's warning,
 * a misconfigured run can trivially pass.
 *
 * <pre>{@code
 * RunIntegrity.problems(history);
 * // "fault [kill -9 the agent right after the CRM committed [place_ordr], restart it after 200 ms] never fired:
 * //  trigger [right after the CRM committed [place_ordr]] never fired; the CRM committed: create_quote, ..."
 * }</pre>
 */
final class RunIntegrity {
  private RunIntegrity() {}

  /** Why the run cannot be judged ({@code fault_failed}, a non-optional {@code fault_missed}, {@code event_rejected}). */
  static Optional<String> problems(History history) {
    List<String> problems = new ArrayList<>();
    for (Op op : history.ops()) {
      if (!op.service().equals(HARNESS)) {
        continue;
      }
      switch (op.operation()) {
        case FAULT_FAILED -> problems.add("fault [" + op.text(FAULT) + "] fired but could not be applied (op #"
            + op.index() + "): " + op.text(ERROR));
        case FAULT_MISSED -> {
          if (!op.flag(OPTIONAL)) {
            problems.add(missed(op));
          }
        }
        case EVENT_REJECTED -> problems.add("a service sent an event the history cannot take (op #" + op.index()
            + "): " + op.text(ERROR) + "; the history misses that op, so the run cannot be judged; the event's body: ["
            + op.text(BODY) + "]");
        default -> { }
      }
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
  }

  private static String missed(Op op) {
    String miss = op.text(NEAREST_MISS);
    return "fault [" + op.text(FAULT) + "] never fired: trigger [" + op.text(TRIGGER) + "] never fired"
        + (miss == null || miss.isEmpty() ? "" : "; " + miss)
        + "; the run tested nothing of it: fix the trigger, or declare the fault optional()";
  }
}
