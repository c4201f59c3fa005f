package dev.crashtest.scenario;

import static dev.crashtest.history.Vocabulary.BODY;
import static dev.crashtest.history.Vocabulary.ENVIRONMENT_FAILED;
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
 * Whether a run tested what its scenario claims, from its history alone (Jepsen's warning: a misconfigured run can
 * trivially pass). Two kinds of finding:
 *
 * <ul>
 *   <li>{@link #unjudgeable}: the history itself cannot be trusted — a service's event was lost on its way in
 *       ({@code event_rejected}), or a fault could not be applied because the environment broke. The run is ERROR
 *       and no check runs.
 *   <li>{@link #untested}: a fault of the scenario never fired ({@code fault_missed}, unless optional) or fired and
 *       could not be applied ({@code fault_failed}). The checks still run: a FAIL stands, since what failed is true
 *       of the agent whether or not the fault came; anything else becomes ERROR, never a PASS that tested nothing.
 * </ul>
 *
 * <pre>{@code
 * RunIntegrity.untested(history);
 * // "fault [kill -9 the agent right after the CRM committed [place_ordr], restart it after 200 ms] never fired:
 * //  trigger [right after the CRM committed [place_ordr]] never fired; the CRM committed: create_quote, ..."
 * }</pre>
 */
final class RunIntegrity {
  private RunIntegrity() {}

  /** Why the history cannot be judged at all: an event rejected, or a fault the broken environment could not apply. */
  static Optional<String> unjudgeable(History history) {
    boolean environmentFailed = history.ops().stream().anyMatch(op -> op.is(HARNESS, ENVIRONMENT_FAILED));
    List<String> problems = new ArrayList<>();
    for (Op op : history.ops()) {
      if (op.is(HARNESS, EVENT_REJECTED)) {
        problems.add(rejected(op));
      } else if (environmentFailed && op.is(HARNESS, FAULT_FAILED)) {
        problems.add(failed(op));
      }
    }
    return joined(problems);
  }

  /** Which faults of the scenario the run did not test: never fired (and not optional), or could not be applied. */
  static Optional<String> untested(History history) {
    List<String> problems = new ArrayList<>();
    for (Op op : history.ops()) {
      if (op.is(HARNESS, FAULT_FAILED)) {
        problems.add(failed(op));
      } else if (op.is(HARNESS, FAULT_MISSED) && !op.flag(OPTIONAL)) {
        problems.add(missed(op));
      }
    }
    return joined(problems);
  }

  private static Optional<String> joined(List<String> problems) {
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
  }

  private static String failed(Op op) {
    return "fault [" + op.text(FAULT) + "] fired but could not be applied (op #" + op.index() + "): " + op.text(ERROR);
  }

  private static String rejected(Op op) {
    return "a service sent an event the history cannot take (op #" + op.index() + "): " + op.text(ERROR)
        + "; the history misses that op, so the run cannot be judged; the event's body: [" + op.text(BODY) + "]";
  }

  private static String missed(Op op) {
    String miss = op.text(NEAREST_MISS);
    return "fault [" + op.text(FAULT) + "] never fired: trigger [" + op.text(TRIGGER) + "] never fired"
        + (miss == null || miss.isEmpty() ? "" : "; " + miss)
        + "; the run tested nothing of it: fix the trigger, or declare the fault optional()";
  }
}
