package dev.crashtest.tracereplay;

import dev.crashtest.tracereplay.AgentRun.AgentProcess;
import dev.crashtest.tracereplay.AgentRun.ModelCall;
import dev.crashtest.tracereplay.Boundary.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Processes that stopped mid-run: a kill after the last operation each finished, restarted after the gap to the
 * next process, and the task delivered again when that process began it from the user's goal.
 */
final class ProcessStops {
  private ProcessStops() {}

  /** Adds to {@code findings} what this family of evidence in the run shows. */
  static void infer(Findings findings) {
    processStops(findings);
  }

  private static void processStops(Findings findings) {
    List<AgentProcess> processes = findings.run.processes;
    for (int i = 0; i < processes.size(); i++) {
      AgentProcess process = processes.get(i);
      if (!process.died()) {
        continue;
      }
      List<String> comments = new ArrayList<>();
      Optional<Operation> last = findings.boundary.lastAmong(process.spans());
      Optional<AgentProcess> next = nextProcess(findings, process);
      Map<String, String> fields = new LinkedHashMap<>();
      comments.add("process " + process.id() + " stopped mid-run: its spans name a parent span that never"
          + " ended (its agent span was never exported)" + last.map(op -> "; the last thing it finished was "
              + op.what() + " (" + op.span().reference() + ")").orElse(""));
      findings.todo(comments, "the trace cannot say which signal stopped it: SIGKILL here (kill-agent), as the OOM killer"
          + " or a failed liveness probe sends it; terminate-agent sends SIGTERM");
      if (last.isPresent()) {
        fields.put("when", last.get().trigger());
      } else {
        fields.put("when", "{at: " + Findings.millis((process.lastEnd() - processes.get(0).firstStart()) / 1_000_000) + "}");
      }
      if (next.isPresent()) {
        long gapMs = Math.max(0, (next.get().firstStart() - process.lastEnd()) / 1_000_000);
        long kept = Math.min(Math.max(gapMs, 200), Findings.LONGEST_WAIT_MS);
        fields.put("restart-after", Findings.millis(kept));
        comments.add("process " + next.get().id() + " started " + Findings.millis(gapMs) + " later"
            + (kept != gapMs && gapMs > Findings.LONGEST_WAIT_MS ? " (shortened to " + Findings.millis(kept) + " here)" : ""));
        boolean startedOver = findings.run.modelCalls.stream().filter(call -> call.span().process().equals(next.get().id()))
            .findFirst().map(ModelCall::fromTheStart).orElse(false);
        if (startedOver) {
          findings.resubmitAfterRestart = true;
          comments.add("and began the task again from the user's goal: the task was delivered again"
              + " (resubmit-after-restart)");
        } else if (findings.run.modelCalls.stream().noneMatch(call -> call.span().process().equals(next.get().id()))) {
          comments.add("and never took the task up again");
        }
      } else {
        fields.put("restart-after", "1s");
        findings.todo(comments, "no later process in the trace: restarted after 1s here, to see whether the agent resumes");
      }
      findings.faults.add(new FaultDraft("kill-agent", fields, last.map(Operation::span).orElse(process.spans().get(0)),
          comments, "kill-agent"));
    }
  }

  /**
   * The process that came next: one of the run's own if any (it may have taken the task up), else the first of
   * the same service to start after the stop.
   */
  private static Optional<AgentProcess> nextProcess(Findings findings, AgentProcess process) {
    Optional<AgentProcess> inRun = findings.run.processes.stream()
        .filter(p -> p.firstStart() >= process.lastEnd()).findFirst();
    return inRun.or(() -> findings.run.laterProcesses.stream().filter(p -> p.firstStart() >= process.lastEnd())
        .findFirst());
  }

}
