package dev.crashtest.tracereplay;

import dev.crashtest.tracereplay.AgentRun.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tool calls whose service call failed (5xx, 409, a timeout), one fault per run of the same failure, and writes the
 * trace shows succeed more than once, named in a comment.
 */
final class ToolFailures {
  private ToolFailures() {}

  /** Adds to {@code findings} what this family of evidence in the run shows. */
  static void infer(Findings findings) {
    toolFailures(findings);
    duplicates(findings);
  }

  private static void toolFailures(Findings findings) {
    List<ToolCall> failed = findings.run.toolCalls.stream().filter(ToolCall::failed)
        .filter(call -> call.status().map(s -> s != 401 && s != 403).orElse(true)).toList();
    for (int i = 0; i < failed.size(); i++) {
      ToolCall first = failed.get(i);
      int count = 1;
      while (i + count < failed.size() && failed.get(i + count).name().equals(first.name())
          && failed.get(i + count).status().equals(first.status())) {
        count++;
      }
      i += count - 1;
      List<String> comments = new ArrayList<>();
      Map<String, String> fields = new LinkedHashMap<>();
      String when = findings.after(first.span().startNanos(), comments);
      int status = first.status().orElse(0);
      String kind;
      if (first.timedOut() || status == 0 && first.http().isPresent()) {
        kind = "crm-slow";
        long ms = Math.min(first.http().orElse(first.span()).durationMillis(), Findings.LONGEST_WAIT_MS);
        fields.put("delay", Findings.millis(Math.max(ms, 1000)));
        findings.todo(comments, "the call " + (first.timedOut() ? "timed out" : "failed without a status") + " after "
            + first.span().durationMillis() + " ms; the trace cannot say whether the service committed it first:"
            + " if it did, crm-commit-then-drop reproduces that instead");
      } else if (status == 409) {
        kind = "crm-conflict";
      } else if (status >= 500) {
        kind = "crm-server-error";
        fields.put("status", String.valueOf(status));
      } else {
        findings.todo(comments, first.name() + " failed with " + (status > 0 ? status : "no status") + " ("
            + first.span().reference() + "); no fault reproduces it, so none is written");
        findings.headerComments.addAll(comments);
        continue;
      }
      fields.put("operation", first.name());
      fields.put("for-requests", String.valueOf(count));
      if (when != null) {
        fields.put("when", when);
      }
      comments.add(0, "the trace shows " + count + " failed " + first.name() + " call(s)"
          + (status > 0 ? " (" + status + ")" : "") + ", the first " + first.span().reference());
      findings.faults.add(new FaultDraft(kind, fields, first.span(), comments, kind + " on " + first.name()));
    }
  }

  private static void duplicates(Findings findings) {
    Map<String, List<ToolCall>> writes = new LinkedHashMap<>();
    findings.run.toolCalls.stream().filter(call -> call.isWrite() && !call.failed())
        .forEach(call -> writes.computeIfAbsent(call.name(), k -> new ArrayList<>()).add(call));
    writes.forEach((tool, calls) -> {
      if (calls.size() > 1) {
        findings.headerComments.add("the trace shows " + tool + " succeed " + calls.size() + " times (" + String.join(", ",
            calls.stream().map(call -> call.span().reference()).toList()) + "): a duplicate effect unless the"
            + " service deduplicated them; exactly-once-effects and no-work-redone (in the standard checks) judge it");
      }
    });
  }
}
