package dev.crashtest.tracereplay;

import dev.crashtest.tracereplay.Boundary.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the inferences found in a run, gathered for the scenario file: its faults, the comments that head the file,
 * whether the task is delivered again after a restart, how long the approval gate takes, and how many things the
 * trace could not say. Each family of evidence ({@link ModelFailures}, {@link ToolFailures}, {@link TokenFaults},
 * {@link ProcessStops}) adds to it.
 */
final class Findings {
  /** The longest wait a replay keeps from the trace; longer ones are shortened, saying so. */
  static final long LONGEST_WAIT_MS = 10_000;
  static final long GATE_IN_REPLAY_MS = 3_000;
  static final long TOKEN_LIFETIME_IN_REPLAY_MS = 2_000;

  final AgentRun run;
  final Boundary boundary;
  final List<FaultDraft> faults = new ArrayList<>();
  final List<String> headerComments = new ArrayList<>();
  boolean resubmitAfterRestart;
  Optional<Long> approvalDelayMs = Optional.empty();
  int todos;

  Findings(AgentRun run) {
    this.run = run;
    this.boundary = new Boundary(run);
  }

  /** Adds {@code TODO: text} to {@code comments}, and counts it. */
  void todo(List<String> comments, String text) {
    comments.add("TODO: " + text);
    todos++;
  }

  /**
   * The trigger right after the operation that ended last before {@code nanos}, saying which in {@code comments};
   * null when nothing came before (the fault then applies from the start of the task).
   */
  String after(long nanos, List<String> comments) {
    Optional<Operation> previous = boundary.before(nanos);
    if (previous.isEmpty()) {
      comments.add("when: from the start of the task, as in the trace");
      return null;
    }
    comments.add("when: right after " + previous.get().what() + " (" + previous.get().span().reference() + ")");
    return previous.get().trigger();
  }

  /** A duration as the scenario format writes it: {@code 2s}, {@code 1500ms}. */
  static String millis(long ms) {
    return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
  }

  /** A traced duration for a comment: {@code 3.1 s}, {@code 3.0 min}. */
  static String seconds(long nanos) {
    long ms = nanos / 1_000_000;
    return ms >= 60_000 ? String.format(Locale.ROOT, "%.1f min", ms / 60_000.0)
        : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  /** A {@code Retry-After} in seconds ({@code "2"}, {@code "0.5"}) as a scenario duration. */
  static String seconds(String retryAfter) {
    return millis(Math.round(Double.parseDouble(retryAfter) * 1000));
  }
}
