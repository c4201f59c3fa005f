package dev.crashtest.tracereplay;

import dev.crashtest.tracereplay.AgentRun.TokenCall;
import dev.crashtest.tracereplay.AgentRun.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tokens: a service refusing one with 401 (a short token lifetime, over a shortened approval gate when there was
 * one), and token requests the identity provider failed.
 */
final class TokenFaults {
  private TokenFaults() {}

  /** Adds to {@code findings} what this family of evidence in the run shows. */
  static void infer(Findings findings) {
    tokenExpiry(findings);
    tokenFailures(findings);
  }

  private static void tokenExpiry(Findings findings) {
    Optional<ToolCall> refused = findings.run.toolCalls.stream().filter(call -> call.status().filter(s -> s == 401)
        .isPresent()).findFirst();
    if (refused.isEmpty()) {
      return;
    }
    ToolCall call = refused.get();
    List<String> comments = new ArrayList<>();
    Optional<TokenCall> fetched = findings.run.tokenCalls.stream().filter(token -> !token.failed()
        && token.span().endNanos() <= call.span().startNanos()).reduce((a, b) -> b);
    Optional<ToolCall> gate = findings.run.toolCalls.stream().filter(tool -> tool.http().isEmpty()
        && tool.span().startNanos() >= fetched.map(t -> t.span().endNanos()).orElse(0L)
        && tool.span().endNanos() <= call.span().startNanos()).findFirst();
    comments.add("the service refused " + call.name() + " with 401 (" + call.span().reference() + ")"
        + fetched.map(token -> ", " + Findings.seconds(call.span().startNanos() - token.span().endNanos())
            + " after the token was fetched (" + token.span().reference() + ")").orElse(""));
    long lifetime = Findings.TOKEN_LIFETIME_IN_REPLAY_MS;
    if (gate.isPresent()) {
      findings.approvalDelayMs = Optional.of(Findings.GATE_IN_REPLAY_MS);
      comments.add("the approval gate in between (" + gate.get().span().reference() + ") took "
          + Findings.seconds(gate.get().span().endNanos() - gate.get().span().startNanos()) + "; here it takes "
          + Findings.millis(Findings.GATE_IN_REPLAY_MS) + " (approval: delay) and tokens live " + Findings.millis(lifetime)
          + ", so a token fetched before the gate is dead after it");
    } else {
      long lived = fetched.map(token -> (call.span().startNanos() - token.span().endNanos()) / 1_000_000)
          .orElse(Findings.TOKEN_LIFETIME_IN_REPLAY_MS * 2);
      lifetime = Math.max(1000, Math.min(Findings.TOKEN_LIFETIME_IN_REPLAY_MS, lived / 2));
      findings.todo(comments, "the trace does not say how long tokens lived: " + Findings.millis(lifetime)
          + " here, which expires a token before the same call only if the replay takes as long to reach it");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("lifetime", Findings.millis(lifetime));
    findings.faults.add(new FaultDraft("short-token-lifetime", fields, call.span(), comments, "short-token-lifetime"));
  }

  private static void tokenFailures(Findings findings) {
    List<TokenCall> failed = findings.run.tokenCalls.stream().filter(TokenCall::failed).toList();
    for (int i = 0; i < failed.size(); i++) {
      TokenCall first = failed.get(i);
      int count = 1;
      while (i + count < failed.size() && failed.get(i + count).status().equals(first.status())) {
        count++;
      }
      i += count - 1;
      List<String> comments = new ArrayList<>();
      comments.add("the trace shows " + count + " failed token request(s) to the identity provider"
          + first.status().map(s -> " (" + s + ")").orElse("") + ", the first " + first.span().reference());
      Map<String, String> fields = new LinkedHashMap<>();
      int status = first.status().filter(s -> s >= 500).orElse(503);
      if (first.status().filter(s -> s >= 500).isEmpty()) {
        findings.todo(comments, "the token request failed with " + first.status().map(String::valueOf).orElse("no status")
            + "; identity-token-error answers a 5xx: 503 here");
      }
      fields.put("status", String.valueOf(status));
      fields.put("for-requests", String.valueOf(count));
      String when = findings.after(first.span().startNanos(), comments);
      if (when != null) {
        fields.put("when", when);
      }
      fields.put("optional", "true");
      comments.add("optional: an agent may ask for a token at another moment than the traced one");
      findings.faults.add(new FaultDraft("identity-token-error", fields, first.span(), comments, "identity-token-error"));
    }
  }
}
