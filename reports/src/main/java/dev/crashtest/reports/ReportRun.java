package dev.crashtest.reports;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.crashtest.check.AuditTrail;
import dev.crashtest.check.CheckResult;
import dev.crashtest.check.Verdict;
import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.Vocabulary;
import dev.crashtest.scenario.CrashPoint;
import dev.crashtest.scenario.CrashPointSweep;
import dev.crashtest.scenario.RunMetrics;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One run as every rendering of a {@link Report} shows it, and as report.json holds it: its place in the campaign
 * (scenario, agent, seed, try), its verdict and why, its metrics and files. Built once from a {@link RunResult}, or
 * read back from report.json; the same record either way.
 *
 * <pre>{@code
 * ReportRun run = report.runs().get(0);
 * run.label(report.repeat());   // happy-path [try 2/3, seed 8135…]
 * run.history();                // happy-path--naive/history.jsonl, relative to the report's directory
 * }</pre>
 *
 * @param scenarioFile the file a scenario read from {@code --scenario-file} came from, with the digest of its content
 *     (report.json's {@code scenarioFile: {path, sha256}}); {@code null} for a built-in scenario
 * @param tryNumber which try of its scenario × agent it is, from 1 (report.json's {@code try})
 * @param crashPoint the crash point of a crash-point sweep's run, else {@code null}
 * @param faults the scenario's faults as the run's history records them, in the order they fired, those that never
 *     fired after them (empty in a report.json written before faults were reported)
 * @param error why the run could not run, or was skipped; {@code null} when nothing went wrong
 * @param cause {@code "environment"} for an ERROR the harness's side caused, else {@code null}
 * @param history the run's history.jsonl, relative to the report's directory when it lies under it
 */
@JsonPropertyOrder({"scenario", "scenarioFile", "agent", "seed", "try", "crashPoint", "verdict", "violations",
    "checks", "faults", "error", "cause", "metrics", "history", "agentLog", "reproduce", "audit"})
public record ReportRun(String scenario, @JsonInclude(JsonInclude.Include.NON_NULL) SourceFile scenarioFile,
    String agent, long seed, @JsonProperty("try") int tryNumber,
    @JsonInclude(JsonInclude.Include.NON_NULL) String crashPoint, RunVerdict verdict, List<Violation> violations,
    List<Check> checks, List<RunFault> faults, @JsonInclude(JsonInclude.Include.NON_NULL) String error,
    @JsonInclude(JsonInclude.Include.NON_NULL) String cause, Map<String, Long> metrics, String history,
    String agentLog, String reproduce, Audit audit) {

  /** The value of {@link #cause()} for an ERROR that is not the agent's fault (exit 3). */
  public static final String ENVIRONMENT = "environment";
  /** The checkers whose findings a security reviewer reads next to the audit table. */
  static final List<String> IDENTITY_CHECKS = List.of("delegated-writes", "least-privilege", "revocation-respected",
      "secret-hygiene", "rotation-survived");

  public ReportRun {
    violations = List.copyOf(violations);
    checks = List.copyOf(checks);
    faults = faults == null ? List.of() : List.copyOf(faults);
  }

  /**
   * The scenario file a run's scenario was read from: its path as the user gave it to {@code --scenario-file}, and
   * the SHA-256 of its bytes in lower-case hex, which ties the report to the exact scenario that ran.
   */
  @JsonPropertyOrder({"path", "sha256"})
  public record SourceFile(String path, String sha256) {}

  /** A check that did not pass, with the ops that prove it. */
  @JsonPropertyOrder({"checker", "message", "evidence"})
  public record Violation(String checker, String message, List<Long> evidence) {}

  /** Every check the run was judged by, with its verdict. */
  @JsonPropertyOrder({"checker", "verdict", "message"})
  public record Check(String checker, Verdict verdict, String message) {}

  /**
   * One fault of the run's scenario: its description, whether it fired, the op that says so ({@code fault_injected},
   * or {@code fault_missed} for one that never fired), and the span of a production trace it reproduces, if any.
   */
  @JsonPropertyOrder({"fault", "fired", "op", "source"})
  public record RunFault(String fault, boolean fired, long op,
      @JsonInclude(JsonInclude.Include.NON_NULL) TraceSpan source) {}

  /** The span of a production trace a fault reproduces, as OpenTelemetry writes the ids (lower-case hex). */
  @JsonPropertyOrder({"traceId", "spanId"})
  public record TraceSpan(String traceId, String spanId) {}

  /** Each CRM write attempt and who made it ({@link AuditTrail}), and why the identity checks did not pass. */
  @JsonPropertyOrder({"sideEffects", "explanations"})
  public record Audit(List<AuditRow> sideEffects, List<Violation> explanations) {}

  /** One CRM write attempt: its op, time, the agent, user, scope and token id it was made with, and its verdict. */
  @JsonPropertyOrder({"op", "timeMillis", "operation", "agent", "user", "scope", "tokenId", "verdict"})
  public record AuditRow(long op, long timeMillis, String operation, String agent, String user, String scope,
      String tokenId, String verdict) {}

  /**
   * The run as the report shows it, its {@code tryNumber} given, its paths relative to {@code directory}; {@code file}
   * is the scenario file it was read from, or {@code null}.
   */
  static ReportRun of(RunResult run, SourceFile file, int tryNumber, Path directory) {
    return new ReportRun(run.scenario(), file, run.agent(), run.seed(), tryNumber,
        CrashPointSweep.pointOf(run.scenario()).map(CrashPoint::label).orElse(null), run.verdict(),
        run.violations().stream().map(ReportRun::violation).toList(),
        run.checks().stream().map(check -> new Check(check.checker(), check.verdict(), check.message())).toList(),
        faults(run.history()), run.error().isEmpty() ? null : run.error(), run.causedByEnvironment() ? ENVIRONMENT : null, run.metrics(),
        relative(directory, run.directory().resolve("history.jsonl")),
        relative(directory, run.directory().resolve("agent.log")), reproduce(run, file), audit(run));
  }

  /**
   * The command that runs exactly {@code run} again: {@link RunResult#reproduce()} for a built-in scenario, and for
   * one read from {@code file}, {@code ./crashtest run --scenario-file <file as given> --agent ... --seed ...}.
   */
  public static String reproduce(RunResult run, SourceFile file) {
    return file == null ? run.reproduce()
        : "./crashtest run --scenario-file " + shellQuoted(file.path()) + " " + run.agentArguments() + " --seed "
            + run.seed();
  }

  /** {@code argument} as one shell word: as it is when that is safe, else in single quotes. */
  static String shellQuoted(String argument) {
    return argument.matches("[A-Za-z0-9._,/:=+@-]+") ? argument : "'" + argument.replace("'", "'\\''") + "'";
  }

  /**
   * The run's name among its agent's runs: the scenario (a sweep run's name already holds its crash point), and with
   * more than one try the try and its seed, e.g. {@code happy-path [try 2/3, seed 7]}.
   */
  public String label(int repeat) {
    return repeat == 1 ? scenario : scenario + " [try " + tryNumber + "/" + repeat + ", seed " + seed + "]";
  }

  /** The run's wall time in milliseconds; 0 when it was not measured. */
  @JsonIgnore
  public long wallMillis() {
    return metrics.getOrDefault(RunMetrics.WALL_TIME_MILLIS, 0L);
  }

  /** Whether the checker of {@code violation} could not decide (UNKNOWN) rather than found a failure. */
  public boolean undecided(Violation violation) {
    return checks.stream().anyMatch(check -> check.checker().equals(violation.checker())
        && check.message().equals(violation.message()) && check.verdict() == Verdict.UNKNOWN);
  }

  /** {@link #error()}, or {@code ""} when there is none. */
  String errorText() {
    return error == null ? "" : error;
  }

  private static Audit audit(RunResult run) {
    return new Audit(AuditTrail.of(run.history()).stream().map(entry -> new AuditRow(entry.index(),
        entry.timeMillis(), entry.operation(), entry.agent(), entry.user(), entry.scope(), entry.tokenId(),
        entry.verdict())).toList(),
        run.violations().stream().filter(check -> IDENTITY_CHECKS.contains(check.checker()))
            .map(ReportRun::violation).toList());
  }

  /**
   * The faults the history records, in its order: those that fired ({@code fault_injected}), then those that never
   * did ({@code fault_missed}, recorded when the run ends).
   */
  static List<RunFault> faults(History history) {
    List<RunFault> faults = new ArrayList<>();
    for (Op op : history.ops()) {
      boolean fired = op.is(Vocabulary.HARNESS, Vocabulary.FAULT_INJECTED);
      if (fired || op.is(Vocabulary.HARNESS, Vocabulary.FAULT_MISSED)) {
        faults.add(new RunFault(op.text(Vocabulary.FAULT), fired, op.index(), span(op)));
      }
    }
    return faults;
  }

  /** The span a fault op names ({@code traceId}, {@code spanId}), or {@code null}. */
  static TraceSpan span(Op op) {
    String trace = op.text(Vocabulary.TRACE_ID);
    String span = op.text(Vocabulary.SPAN_ID);
    return trace == null || span == null ? null : new TraceSpan(trace, span);
  }

  private static Violation violation(CheckResult check) {
    return new Violation(check.checker(), check.message(), check.evidence());
  }

  static String relative(Path directory, Path file) {
    Path base = directory.toAbsolutePath().normalize();
    Path target = file.toAbsolutePath().normalize();
    return target.startsWith(base) ? base.relativize(target).toString() : target.toString();
  }
}
