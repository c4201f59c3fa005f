package dev.crashtest.tracereplay;

import dev.crashtest.tracereplay.AgentRun.ModelCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Model calls that failed: consecutive failures of one process, one fault each, by status (429 rate limit with its
 * Retry-After, 5xx, 529), after the operation before the first of them.
 */
final class ModelFailures {
  private ModelFailures() {}

  /** Adds to {@code findings} what this family of evidence in the run shows. */
  static void infer(Findings findings) {
    modelFailures(findings);
  }

  private static void modelFailures(Findings findings) {
    List<ModelCall> group = new ArrayList<>();
    for (ModelCall call : findings.run.modelCalls) {
      if (call.failed()) {
        if (!group.isEmpty() && !group.get(0).span().process().equals(call.span().process())) {
          modelFault(findings, group);
          group = new ArrayList<>();
        }
        group.add(call);
      } else if (!group.isEmpty()) {
        modelFault(findings, group);
        group = new ArrayList<>();
      }
    }
    if (!group.isEmpty()) {
      modelFault(findings, group);
    }
  }

  private static void modelFault(Findings findings, List<ModelCall> group) {
    ModelCall first = group.get(0);
    List<String> comments = new ArrayList<>();
    Map<String, String> fields = new LinkedHashMap<>();
    String when = findings.after(first.span().startNanos(), comments);
    int status = first.status().orElse(0);
    String kind;
    if (status == 429) {
      kind = "model-rate-limited";
      Optional<String> retryAfter = first.retryAfter().filter(value -> value.trim().matches("\\d+(\\.\\d+)?"));
      if (retryAfter.isPresent()) {
        fields.put("retry-after", Findings.seconds(retryAfter.get().trim()));
      } else {
        fields.put("retry-after", "1s");
        findings.todo(comments, "the trace does not record Retry-After (http.response.header.retry-after): 1s here");
      }
    } else if (status == 529) {
      kind = "model-overloaded";
    } else if (status >= 500) {
      kind = "model-server-error";
      fields.put("status", String.valueOf(status == 500 || status == 502 || status == 503 ? status : 503));
      if (status != 500 && status != 502 && status != 503) {
        findings.todo(comments, "the model answered " + status + "; model-server-error takes 500, 502 or 503: 503 here");
      }
    } else {
      kind = "model-server-error";
      fields.put("status", "503");
      findings.todo(comments, "the model call failed" + (status > 0 ? " with " + status : " without a status ("
          + first.span().text("error.type").orElse("no error.type") + ")") + "; no fault kind says exactly that:"
          + " a 503 here. A slow answer would be model-delay, a cut stream model-stream-cut");
    }
    fields.put("for-requests", String.valueOf(group.size()));
    if (when != null) {
      fields.put("when", when);
    }
    comments.add(0, "the trace shows " + group.size() + " failed model call(s)" + (status > 0 ? " (" + status + ")"
        : "") + ", the first " + first.span().reference());
    findings.faults.add(new FaultDraft(kind, fields, first.span(), comments, kind + " ×" + group.size()));
  }
}
