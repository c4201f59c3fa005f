package dev.crashtest.tracereplay;

import dev.crashtest.tracereplay.AgentRun.AgentProcess;
import dev.crashtest.tracereplay.AgentRun.ModelCall;
import dev.crashtest.tracereplay.AgentRun.TokenCall;
import dev.crashtest.tracereplay.AgentRun.ToolCall;
import dev.crashtest.tracereplay.Boundary.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scenario a trace describes: what went wrong, as faults on the boundaries where it went wrong, each with the
 * span it came from ({@code source}) and a comment saying what the trace showed. What the trace cannot say is a
 * {@code # TODO} comment, and the value chosen instead is named in it.
 */
final class ScenarioDraft {
  /** The longest wait a replay keeps from the trace; longer ones are shortened, saying so. */
  static final long LONGEST_WAIT_MS = 10_000;
  static final long GATE_IN_REPLAY_MS = 3_000;
  static final long TOKEN_LIFETIME_IN_REPLAY_MS = 2_000;

  /** One fault of the file. */
  record Fault(String kind, Map<String, String> fields, TraceSpan source, List<String> comments, String summary) {}

  final String name;
  final String description;
  final List<String> headerComments = new ArrayList<>();
  final List<Fault> faults = new ArrayList<>();
  boolean resubmitAfterRestart;
  Optional<Long> approvalDelayMs = Optional.empty();
  int todos;

  private final AgentRun run;
  private final Boundary boundary;

  ScenarioDraft(AgentRun run, String name, Redactor redactor) {
    this.run = run;
    this.name = name;
    this.boundary = new Boundary(run);
    String traceIds = String.join(", ", run.spans.stream().map(TraceSpan::traceId).distinct().toList());
    this.description = "Imported by ./crashtest import-trace from " + run.file.getFileName() + " (trace "
        + traceIds + (run.conversation.isPresent() && !redactor.redacts()
            ? ", conversation " + redactor.scrub(run.conversation.get()) : "")
        + "): the faults below reproduce what the trace shows went wrong, on the same boundaries.";
    modelFailures();
    toolFailures();
    tokenExpiry();
    tokenFailures();
    processStops();
    duplicates();
  }

  private void todo(List<String> comments, String text) {
    comments.add("TODO: " + text);
    todos++;
  }

  private String after(long nanos, List<String> comments) {
    Optional<Operation> previous = boundary.before(nanos);
    if (previous.isEmpty()) {
      comments.add("when: from the start of the task, as in the trace");
      return null;
    }
    comments.add("when: right after " + previous.get().what() + " (" + previous.get().span().reference() + ")");
    return previous.get().trigger();
  }

  private void modelFailures() {
    List<ModelCall> group = new ArrayList<>();
    for (ModelCall call : run.modelCalls) {
      if (call.failed()) {
        if (!group.isEmpty() && !group.get(0).span().process().equals(call.span().process())) {
          modelFault(group);
          group = new ArrayList<>();
        }
        group.add(call);
      } else if (!group.isEmpty()) {
        modelFault(group);
        group = new ArrayList<>();
      }
    }
    if (!group.isEmpty()) {
      modelFault(group);
    }
  }

  private void modelFault(List<ModelCall> group) {
    ModelCall first = group.get(0);
    List<String> comments = new ArrayList<>();
    Map<String, String> fields = new LinkedHashMap<>();
    String when = after(first.span().startNanos(), comments);
    int status = first.status().orElse(0);
    String kind;
    if (status == 429) {
      kind = "model-rate-limited";
      Optional<String> retryAfter = first.retryAfter().filter(value -> value.trim().matches("\\d+(\\.\\d+)?"));
      if (retryAfter.isPresent()) {
        fields.put("retry-after", seconds(retryAfter.get().trim()));
      } else {
        fields.put("retry-after", "1s");
        todo(comments, "the trace does not record Retry-After (http.response.header.retry-after): 1s here");
      }
    } else if (status == 529) {
      kind = "model-overloaded";
    } else if (status >= 500) {
      kind = "model-server-error";
      fields.put("status", String.valueOf(status == 500 || status == 502 || status == 503 ? status : 503));
      if (status != 500 && status != 502 && status != 503) {
        todo(comments, "the model answered " + status + "; model-server-error takes 500, 502 or 503: 503 here");
      }
    } else {
      kind = "model-server-error";
      fields.put("status", "503");
      todo(comments, "the model call failed" + (status > 0 ? " with " + status : " without a status ("
          + first.span().text("error.type").orElse("no error.type") + ")") + "; no fault kind says exactly that:"
          + " a 503 here. A slow answer would be model-delay, a cut stream model-stream-cut");
    }
    fields.put("for-requests", String.valueOf(group.size()));
    if (when != null) {
      fields.put("when", when);
    }
    comments.add(0, "the trace shows " + group.size() + " failed model call(s)" + (status > 0 ? " (" + status + ")"
        : "") + ", the first " + first.span().reference());
    faults.add(new Fault(kind, fields, first.span(), comments, kind + " ×" + group.size()));
  }

  private void toolFailures() {
    List<ToolCall> failed = run.toolCalls.stream().filter(ToolCall::failed)
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
      String when = after(first.span().startNanos(), comments);
      int status = first.status().orElse(0);
      String kind;
      if (first.timedOut() || status == 0 && first.http().isPresent()) {
        kind = "crm-slow";
        long ms = Math.min(first.http().orElse(first.span()).durationMillis(), LONGEST_WAIT_MS);
        fields.put("delay", millis(Math.max(ms, 1000)));
        todo(comments, "the call " + (first.timedOut() ? "timed out" : "failed without a status") + " after "
            + first.span().durationMillis() + " ms; the trace cannot say whether the service committed it first:"
            + " if it did, crm-commit-then-drop reproduces that instead");
      } else if (status == 409) {
        kind = "crm-conflict";
      } else if (status >= 500) {
        kind = "crm-server-error";
        fields.put("status", String.valueOf(status));
      } else {
        todo(comments, first.name() + " failed with " + (status > 0 ? status : "no status") + " ("
            + first.span().reference() + "); no fault reproduces it, so none is written");
        headerComments.addAll(comments);
        continue;
      }
      fields.put("operation", first.name());
      fields.put("for-requests", String.valueOf(count));
      if (when != null) {
        fields.put("when", when);
      }
      comments.add(0, "the trace shows " + count + " failed " + first.name() + " call(s)"
          + (status > 0 ? " (" + status + ")" : "") + ", the first " + first.span().reference());
      faults.add(new Fault(kind, fields, first.span(), comments, kind + " on " + first.name()));
    }
  }

  private void tokenExpiry() {
    Optional<ToolCall> refused = run.toolCalls.stream().filter(call -> call.status().filter(s -> s == 401)
        .isPresent()).findFirst();
    if (refused.isEmpty()) {
      return;
    }
    ToolCall call = refused.get();
    List<String> comments = new ArrayList<>();
    Optional<TokenCall> fetched = run.tokenCalls.stream().filter(token -> !token.failed()
        && token.span().endNanos() <= call.span().startNanos()).reduce((a, b) -> b);
    Optional<ToolCall> gate = run.toolCalls.stream().filter(tool -> tool.http().isEmpty()
        && tool.span().startNanos() >= fetched.map(t -> t.span().endNanos()).orElse(0L)
        && tool.span().endNanos() <= call.span().startNanos()).findFirst();
    comments.add("the service refused " + call.name() + " with 401 (" + call.span().reference() + ")"
        + fetched.map(token -> ", " + seconds(call.span().startNanos() - token.span().endNanos())
            + " after the token was fetched (" + token.span().reference() + ")").orElse(""));
    long lifetime = TOKEN_LIFETIME_IN_REPLAY_MS;
    if (gate.isPresent()) {
      approvalDelayMs = Optional.of(GATE_IN_REPLAY_MS);
      comments.add("the approval gate in between (" + gate.get().span().reference() + ") took "
          + seconds(gate.get().span().endNanos() - gate.get().span().startNanos()) + "; here it takes "
          + millis(GATE_IN_REPLAY_MS) + " (approval: delay) and tokens live " + millis(lifetime)
          + ", so a token fetched before the gate is dead after it");
    } else {
      long lived = fetched.map(token -> (call.span().startNanos() - token.span().endNanos()) / 1_000_000)
          .orElse(TOKEN_LIFETIME_IN_REPLAY_MS * 2);
      lifetime = Math.max(1000, Math.min(TOKEN_LIFETIME_IN_REPLAY_MS, lived / 2));
      todo(comments, "the trace does not say how long tokens lived: " + millis(lifetime)
          + " here, which expires a token before the same call only if the replay takes as long to reach it");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("lifetime", millis(lifetime));
    faults.add(new Fault("short-token-lifetime", fields, call.span(), comments, "short-token-lifetime"));
  }

  private void tokenFailures() {
    List<TokenCall> failed = run.tokenCalls.stream().filter(TokenCall::failed).toList();
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
        todo(comments, "the token request failed with " + first.status().map(String::valueOf).orElse("no status")
            + "; identity-token-error answers a 5xx: 503 here");
      }
      fields.put("status", String.valueOf(status));
      fields.put("for-requests", String.valueOf(count));
      String when = after(first.span().startNanos(), comments);
      if (when != null) {
        fields.put("when", when);
      }
      fields.put("optional", "true");
      comments.add("optional: an agent may ask for a token at another moment than the traced one");
      faults.add(new Fault("identity-token-error", fields, first.span(), comments, "identity-token-error"));
    }
  }

  private void processStops() {
    List<AgentProcess> processes = run.processes;
    for (int i = 0; i < processes.size(); i++) {
      AgentProcess process = processes.get(i);
      if (!process.died()) {
        continue;
      }
      List<String> comments = new ArrayList<>();
      Optional<Operation> last = boundary.lastAmong(process.spans());
      Optional<AgentProcess> next = nextProcess(process);
      Map<String, String> fields = new LinkedHashMap<>();
      comments.add("process " + process.id() + " stopped mid-run: its spans name a parent span that never"
          + " ended (its agent span was never exported)" + last.map(op -> "; the last thing it finished was "
              + op.what() + " (" + op.span().reference() + ")").orElse(""));
      todo(comments, "the trace cannot say which signal stopped it: SIGKILL here (kill-agent), as the OOM killer"
          + " or a failed liveness probe sends it; terminate-agent sends SIGTERM");
      if (last.isPresent()) {
        fields.put("when", last.get().trigger());
      } else {
        fields.put("when", "{at: " + millis((process.lastEnd() - processes.get(0).firstStart()) / 1_000_000) + "}");
      }
      if (next.isPresent()) {
        long gapMs = Math.max(0, (next.get().firstStart() - process.lastEnd()) / 1_000_000);
        long kept = Math.min(Math.max(gapMs, 200), LONGEST_WAIT_MS);
        fields.put("restart-after", millis(kept));
        comments.add("process " + next.get().id() + " started " + millis(gapMs) + " later"
            + (kept != gapMs && gapMs > LONGEST_WAIT_MS ? " (shortened to " + millis(kept) + " here)" : ""));
        boolean startedOver = run.modelCalls.stream().filter(call -> call.span().process().equals(next.get().id()))
            .findFirst().map(ModelCall::fromTheStart).orElse(false);
        if (startedOver) {
          resubmitAfterRestart = true;
          comments.add("and began the task again from the user's goal: the task was delivered again"
              + " (resubmit-after-restart)");
        } else if (run.modelCalls.stream().noneMatch(call -> call.span().process().equals(next.get().id()))) {
          comments.add("and never took the task up again");
        }
      } else {
        fields.put("restart-after", "1s");
        todo(comments, "no later process in the trace: restarted after 1s here, to see whether the agent resumes");
      }
      faults.add(new Fault("kill-agent", fields, last.map(Operation::span).orElse(process.spans().get(0)),
          comments, "kill-agent"));
    }
  }

  private Optional<AgentProcess> nextProcess(AgentProcess process) {
    Optional<AgentProcess> inRun = run.processes.stream().filter(p -> p.firstStart() >= process.lastEnd())
        .findFirst();
    Optional<AgentProcess> later = run.laterProcesses.stream().filter(p -> p.firstStart() >= process.lastEnd())
        .findFirst();
    if (inRun.isPresent() && later.isPresent()) {
      return Optional.of(inRun.get().firstStart() <= later.get().firstStart() ? inRun.get() : later.get());
    }
    return inRun.or(() -> later);
  }

  private void duplicates() {
    Map<String, List<ToolCall>> writes = new LinkedHashMap<>();
    run.toolCalls.stream().filter(call -> call.isWrite() && !call.failed())
        .forEach(call -> writes.computeIfAbsent(call.name(), k -> new ArrayList<>()).add(call));
    writes.forEach((tool, calls) -> {
      if (calls.size() > 1) {
        headerComments.add("the trace shows " + tool + " succeed " + calls.size() + " times (" + String.join(", ",
            calls.stream().map(call -> call.span().reference()).toList()) + "): a duplicate effect unless the"
            + " service deduplicated them; exactly-once-effects and no-work-redone (in the standard checks) judge it");
      }
    });
  }

  static String millis(long ms) {
    return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
  }

  private static String seconds(long nanos) {
    long ms = nanos / 1_000_000;
    return ms >= 60_000 ? String.format(java.util.Locale.ROOT, "%.1f min", ms / 60_000.0)
        : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  private static String seconds(String retryAfter) {
    double seconds = Double.parseDouble(retryAfter);
    return millis(Math.round(seconds * 1000));
  }

  /** The file's text. */
  String yaml() {
    StringBuilder out = new StringBuilder();
    out.append("# Written by ./crashtest import-trace; review every TODO, then keep it with your agent's tests.\n");
    out.append("name: ").append(Yaml.value(name)).append('\n');
    out.append("description: ").append(Yaml.value(description)).append('\n');
    for (String comment : headerComments) {
      out.append(Yaml.comment("", comment));
    }
    if (resubmitAfterRestart) {
      out.append("resubmit-after-restart: true\n");
    }
    approvalDelayMs.ifPresent(ms -> out.append("approval:\n  delay: ").append(millis(ms)).append('\n'));
    if (faults.isEmpty()) {
      out.append(Yaml.comment("", "TODO: the trace shows nothing going wrong that a fault reproduces (no failed"
          + " model, tool or token call, no process that stopped): the run replays the model's answers only"));
      todos++;
      out.append("faults: []\n");
      return out.toString();
    }
    out.append("faults:\n");
    for (Fault fault : faults) {
      for (String comment : fault.comments()) {
        out.append(Yaml.comment("  ", comment));
      }
      out.append("  - fault: ").append(fault.kind()).append('\n');
      fault.fields().forEach((key, value) -> out.append("    ").append(key).append(": ").append(value).append('\n'));
      // Quoted: an id of digits only would read as a number.
      out.append("    source: {trace-id: \"").append(fault.source().traceId()).append("\", span-id: \"")
          .append(fault.source().spanId()).append("\"}\n");
    }
    return out.toString();
  }
}
