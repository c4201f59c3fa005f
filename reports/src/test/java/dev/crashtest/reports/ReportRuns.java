package dev.crashtest.reports;

import static dev.crashtest.history.OpType.INFO;
import static dev.crashtest.history.OpType.OK;

import dev.crashtest.check.CheckResult;
import dev.crashtest.check.Checks;
import dev.crashtest.check.Verdict;
import dev.crashtest.history.History;
import dev.crashtest.history.HistoryFiles;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import dev.crashtest.scenario.RunMetrics;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs for the junit.xml and index.html tests, made the way the runner makes them: a history of ops, judged by the
 * real checkers, measured by {@link RunMetrics}, its history.jsonl written by {@link HistoryFiles}.
 */
final class ReportRuns {
  static final String KILL = "kill -9 the agent when the model asks for [create_quote], restart it after 200 ms";
  static final String LOST = "task [task-f8819cc4] lost: after the agent restarted (op #10) it no longer knew the task"
      + " (404 at op #12) and never completed it; keep task progress in HARNESS_STATE_DIR or a durable runtime";

  private final List<Op> ops = new ArrayList<>();

  private ReportRuns() {}

  /** The naive agent killed when the model asks for create_quote: restarted, it has forgotten the task. */
  static RunResult crashBeforeCreateQuote(Path out, String agent, long seed) {
    ReportRuns history = new ReportRuns()
        .op(855, "harness", "runner", "agent_started", INFO, Map.of("pid", 18804, "agent", agent))
        .op(859, "identity", "harness", "user_token", OK, Map.of("sub", "alice", "jti", "g53uRm2FLLW"))
        .op(880, "harness", "runner", "submit_task", OK, Map.of("taskId", "task-f8819cc4", "status", 202))
        .op(930, "harness", "runner", "task_status", INFO, Map.of("taskId", "task-f8819cc4", "state", "RUNNING"))
        .op(1092, "model", "agent", "chat_completion", OK, Map.of("turn", 1, "toolCalls", List.of("get_account")))
        .op(1197, "identity", agent + "-agent", "token_exchange", OK, Map.of("sub", "alice", "jti", "vWdD59yX"))
        .op(1251, "crm", agent + "-agent", "get_account", OK, Map.of("method", "GET", "status", 200))
        .op(1268, "model", "agent", "chat_completion", OK, Map.of("turn", 2, "toolCalls", List.of("create_quote")))
        .op(1270, "harness", "nemesis", "fault_injected", INFO, Map.of("fault", KILL, "kind", "ProcessCrash"))
        .op(1279, "harness", "nemesis", "agent_killed", INFO, Map.of("signal", "KILL", "pid", 18804))
        .op(1490, "harness", "nemesis", "agent_restarted", INFO, Map.of("pid", 18845))
        .op(1491, "harness", "nemesis", "fault_healed", INFO, Map.of("fault", KILL, "kind", "ProcessCrash"))
        .op(2036, "harness", "runner", "task_status", INFO, Map.of("taskId", "task-f8819cc4", "state",
            "UNKNOWN_TASK", "error", "unknown task"));
    return history.judged("crash-before-create-quote", agent, seed, out);
  }

  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String SPAN_ID = "00f067aa0ba902b7";
  static final String TRACED_KILL = "kill -9 the agent right after the CRM committed [place_order], restart it after"
      + " 200 ms (from span " + SPAN_ID + " of trace " + TRACE_ID + ")";
  static final String TRACED_OUTAGE = "crm outage when the agent enters [add_note] until the run ends (from span"
      + " b7ad6b7169203331 of trace " + TRACE_ID + ")";

  /**
   * A scenario imported from a production trace: the agent killed right after the CRM committed place_order, as in
   * the trace's span; the CRM outage of another span never fires, the agent never reaching add_note.
   */
  static RunResult fromTrace(Path out, String agent, long seed) {
    ReportRuns history = new ReportRuns()
        .op(100, "harness", "runner", "agent_started", INFO, Map.of("agent", agent))
        .op(120, "harness", "runner", "submit_task", OK, Map.of("taskId", "task-1", "status", 202))
        .op(400, "crm", agent + "-agent", "place_order", OK, Map.of("method", "POST", "status", 201, "delegated", true,
            "actorSource", "act", "user", "alice", "scope", "crm.read crm.write", "tokenId", "jti-7",
            "effectType", "order", "effectId", "o-1", "accountId", "GLOBEX-002"))
        .op(401, "harness", "nemesis", "fault_injected", INFO, Map.of("fault", TRACED_KILL, "kind", "ProcessCrash",
            "traceId", TRACE_ID, "spanId", SPAN_ID))
        .op(410, "harness", "nemesis", "agent_killed", INFO, Map.of("signal", "KILL", "pid", 18804))
        .op(620, "harness", "nemesis", "agent_restarted", INFO, Map.of("pid", 18845))
        .op(621, "harness", "nemesis", "fault_healed", INFO, Map.of("fault", TRACED_KILL, "kind", "ProcessCrash",
            "traceId", TRACE_ID, "spanId", SPAN_ID))
        .op(900, "harness", "runner", "task_status", INFO, Map.of("taskId", "task-1", "state", "COMPLETED"))
        .op(901, "harness", "runner", "fault_missed", INFO, Map.of("fault", TRACED_OUTAGE, "kind", "NetworkFault",
            "traceId", TRACE_ID, "spanId", "b7ad6b7169203331", "trigger", "when the agent enters [add_note]",
            "nearestMiss", "the model asked for: get_account, place_order", "optional", true));
    return history.judged("incident", agent, seed, out);
  }

  /** The task completes with one delegated order. */
  static RunResult happyPath(Path out, String agent, long seed) {
    ReportRuns history = new ReportRuns()
        .op(100, "harness", "runner", "agent_started", INFO, Map.of("agent", agent))
        .op(120, "harness", "runner", "submit_task", OK, Map.of("taskId", "task-1", "status", 202))
        .op(400, "crm", agent + "-agent", "place_order", OK, Map.of("method", "POST", "status", 201, "delegated", true,
            "actorSource", "act", "user", "alice", "scope", "crm.read crm.write", "tokenId", "jti-7",
            "effectType", "order", "effectId", "o-1", "accountId", "GLOBEX-002"))
        .op(900, "harness", "runner", "task_status", INFO, Map.of("taskId", "task-1", "state", "COMPLETED"));
    return history.judged("happy-path", agent, seed, out);
  }

  /** A scenario that does not apply to the agent, as the runner reports it. */
  static RunResult skipped(Path out, String agent) {
    return new RunResult("platform-restart", agent, 42L, RunVerdict.SKIPPED, List.of(),
        "the agent [" + agent + "] has no platform to restart", Map.of(RunMetrics.WALL_TIME_MILLIS, 0L),
        History.of(List.of()), out.resolve("platform-restart--" + agent));
  }

  /** A run whose agent never came up. */
  static RunResult errored(Path out, String agent, String error) {
    return new RunResult("model-429-storm", agent, 42L, RunVerdict.ERROR, List.of(), error,
        Map.of(RunMetrics.WALL_TIME_MILLIS, 1_500L), History.of(List.of()), out.resolve("model-429-storm--" + agent));
  }

  /** The same run with one more check result, e.g. a hand-made finding whose message holds a token. */
  static RunResult withCheck(RunResult run, CheckResult check) {
    List<CheckResult> checks = new ArrayList<>(run.checks());
    checks.add(check);
    RunVerdict verdict = check.verdict() == Verdict.FAIL ? RunVerdict.FAIL : run.verdict();
    return new RunResult(run.scenario(), run.agent(), run.seed(), verdict, checks, run.error(), run.metrics(),
        run.history(), run.directory());
  }

  /** A run of {@code scenario} against {@code agent} made only of {@code ops}, judged by the standard checks. */
  static RunResult of(String scenario, String agent, List<Op> ops, Path out) {
    return of(scenario, agent, ops, out, 42L);
  }

  /** The same, drawn from {@code seed}. */
  static RunResult of(String scenario, String agent, List<Op> ops, Path out, long seed) {
    ReportRuns history = new ReportRuns();
    history.ops.addAll(ops);
    return history.judged(scenario, agent, seed, out);
  }

  private ReportRuns op(long time, String service, String actor, String operation, OpType type,
      Map<String, Object> details) {
    ops.add(new Op(ops.size(), time, service, actor, operation, type, details));
    return this;
  }

  private RunResult judged(String scenario, String agent, long seed, Path out) {
    History history = History.of(ops);
    List<CheckResult> checks = Checks.runAll(List.of(Checks.taskCompleted(), Checks.exactlyOnceEffects(),
        Checks.noWorkRedone(), Checks.delegatedWrites()), history);
    RunVerdict verdict = checks.stream().anyMatch(check -> check.verdict() == Verdict.FAIL) ? RunVerdict.FAIL
        : checks.stream().anyMatch(check -> check.verdict() == Verdict.UNKNOWN) ? RunVerdict.ERROR : RunVerdict.PASS;
    Path directory = out.resolve(scenario + "--" + agent);
    HistoryFiles.write(history, directory.resolve("history.jsonl"));
    return new RunResult(scenario, agent, seed, verdict, checks, null, RunMetrics.of(history, 3_100L), history,
        directory);
  }
}
