package dev.crashtest.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.crashtest.check.AuditTrail;
import dev.crashtest.check.CheckResult;
import dev.crashtest.scenario.CrashPoint;
import dev.crashtest.scenario.CrashPointSweep;
import dev.crashtest.scenario.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.IntStream;

/**
 * Writes {@code report.json}: the seed, and per run its verdict, violations, metrics and files.
 *
 * <pre>{@code
 * Path file = JsonReport.write(42L, results, Path.of("crashtest-out"));
 * Path again = JsonReport.write(42L, 3, results, sweeps, Path.of("crashtest-out"));   // --repeat 3, with sweeps
 * }</pre>
 *
 * <p>Schema (version 1): {@code {schemaVersion, seed, repeat, runs: [{scenario, agent, seed, try, crashPoint?,
 * verdict, violations: [{checker, message, evidence}], checks: [{checker, verdict, message}], error?,
 * cause?, metrics: {...}, history, agentLog, reproduce}], comparison: {k, cells: [{scenario, agent, tries, passed,
 * verdict, passK?, medianRecoveryMillis?, unrecovered, duplicates, redoneModelCalls, redoneCrmCalls,
 * medianModelTokens, medianWallMillis}], agents: [{agent, scenarios, passK?, runs, passed, medianRecoveryMillis?,
 * unrecovered, duplicates, redoneModelCalls, redoneCrmCalls}]}, crashPointSweeps: [{agent, seed, clean, cleanVerdict,
 * discovered, swept}]}}. A run's {@code seed} is its try's campaign seed
 * ({@code --seed} reproduces it alone), {@code try} counts its scenario × agent's tries from 1 (the try whose seed it
 * carries, also in a shard); {@code cause} is {@code "environment"} for an ERROR the harness's side caused (exit 3,
 * not the agent's fault). Paths are relative to the report's directory; metrics are defined in
 * {@code docs/recovery.md}. Fields are only ever added within a schema version.
 *
 * <p>The command line adds sections of its own after these, through
 * {@link #write(long, int, List, List, Path, Map)}: {@code baseline: {report, seed, repeat, regressions: [{scenario,
 * agent, worse: [...], before: {verdict, passK?, duplicates, unrecovered}, after: {...}}], improvements: [{scenario,
 * agent, better: [...], before, after}], unchanged, newCells: ["scenario × agent"], notRun}} for a run with
 * {@code --baseline} ({@code worse} and {@code better} name what changed among {@code verdict}, {@code passK},
 * {@code duplicates} and {@code unrecovered}); {@code shard: {index, count, cells, agents, scenarios}} for a run with
 * {@code --shard index/count} ({@code cells}: how many of the campaign's scenario × agent × try cells it ran;
 * {@code agents} and {@code scenarios}: the whole campaign's, in its order); {@code mergedFrom: [{report, shard?}]}
 * for a report {@code crashtest merge} wrote; {@code incomplete: {reason, runsFinished, runsPlanned}} for a campaign
 * stopped before its end ({@code reason} {@code "interrupted"}: Ctrl-C), whose {@code runs} are those that finished
 * (a run cut short is left out). A report without {@code incomplete} holds every run its campaign planned.
 */
public final class JsonReport {
  public static final int SCHEMA_VERSION = 1;
  /** The checkers whose findings a security reviewer reads next to the audit table. */
  static final List<String> IDENTITY_CHECKS = List.of("delegated-writes", "least-privilege", "revocation-respected",
      "secret-hygiene", "rotation-survived");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  /** The report of a campaign of one try per scenario × agent, without sweeps. */
  public static Path write(long seed, List<RunResult> runs, Path directory) {
    return write(seed, 1, runs, List.of(), directory);
  }

  /** The report of a campaign of {@code repeat} tries per scenario × agent, with the sweeps it ran. */
  public static Path write(long seed, int repeat, List<RunResult> runs, List<CrashPointSweep.Result> sweeps,
      Path directory) {
    return write(seed, repeat, runs, sweeps, directory, Map.of());
  }

  /**
   * The same, with top-level sections the caller adds after the others, in its map's order: the command line's
   * {@code shard}, {@code mergedFrom} and {@code baseline} (their shape is in this class's documentation).
   */
  public static Path write(long seed, int repeat, List<RunResult> runs, List<CrashPointSweep.Result> sweeps,
      Path directory, Map<String, ?> sections) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("schemaVersion", SCHEMA_VERSION);
    report.put("seed", seed);
    report.put("repeat", repeat);
    List<Integer> tries = CampaignFacts.tryNumbers(seed, repeat, runs);
    report.put("runs", IntStream.range(0, runs.size()).mapToObj(i -> run(runs.get(i), directory, tries.get(i)))
        .toList());
    report.put("comparison", comparison(Comparison.of(runs, repeat)));
    report.put("crashPointSweeps", sweeps.stream().map(JsonReport::sweep).toList());
    sections.forEach((name, section) -> {
      if (report.containsKey(name)) {
        throw new IllegalArgumentException("the section [" + name + "] is the report's own; add sections of other"
            + " names, e.g. \"shard\"");
      }
      report.put(name, section);
    });
    Path file = directory.resolve("report.json");
    try {
      Files.createDirectories(directory);
      JSON.writeValue(file.toFile(), report);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the report [" + file + "]: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> run(RunResult run, Path directory, int tryNumber) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scenario", run.scenario());
    json.put("agent", run.agent());
    json.put("seed", run.seed());
    json.put("try", tryNumber);
    CrashPointSweep.pointOf(run.scenario()).ifPresent(point -> json.put("crashPoint", point.label()));
    json.put("verdict", run.verdict().name());
    json.put("violations", run.violations().stream().map(JsonReport::violation).toList());
    json.put("checks", run.checks().stream().map(JsonReport::check).toList());
    if (!run.error().isEmpty()) {
      json.put("error", run.error());
    }
    if (run.causedByEnvironment()) {
      json.put("cause", "environment");
    }
    json.put("metrics", run.metrics());
    json.put("history", relative(directory, run.directory().resolve("history.jsonl")));
    json.put("agentLog", relative(directory, run.directory().resolve("agent.log")));
    json.put("reproduce", run.reproduce());
    json.put("audit", audit(run));
    return json;
  }

  private static Map<String, Object> comparison(Comparison comparison) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("k", comparison.k());
    json.put("cells", comparison.cells().stream().map(JsonReport::cell).toList());
    json.put("agents", comparison.agents().stream().map(JsonReport::agent).toList());
    return json;
  }

  private static Map<String, Object> cell(Comparison.Cell cell) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scenario", cell.scenario());
    json.put("agent", cell.agent());
    json.put("tries", cell.tries());
    json.put("passed", cell.passed());
    json.put("verdict", cell.verdict().name());
    put(json, "passK", cell.passK());
    put(json, "medianRecoveryMillis", cell.medianRecoveryMillis());
    json.put("unrecovered", cell.unrecovered());
    json.put("duplicates", cell.duplicates());
    json.put("redoneModelCalls", cell.redoneModelCalls());
    json.put("redoneCrmCalls", cell.redoneCrmCalls());
    json.put("medianModelTokens", cell.medianModelTokens());
    json.put("medianWallMillis", cell.medianWallMillis());
    return json;
  }

  private static Map<String, Object> agent(Comparison.AgentSummary agent) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("agent", agent.agent());
    json.put("scenarios", agent.scenarios());
    put(json, "passK", agent.passK());
    json.put("runs", agent.runs());
    json.put("passed", agent.passed());
    put(json, "medianRecoveryMillis", agent.medianRecoveryMillis());
    json.put("unrecovered", agent.unrecovered());
    json.put("duplicates", agent.duplicates());
    json.put("redoneModelCalls", agent.redoneModelCalls());
    json.put("redoneCrmCalls", agent.redoneCrmCalls());
    return json;
  }

  private static Map<String, Object> sweep(CrashPointSweep.Result sweep) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("agent", sweep.clean().agent());
    json.put("seed", sweep.clean().seed());
    json.put("clean", sweep.clean().scenario());
    json.put("cleanVerdict", sweep.clean().verdict().name());
    json.put("discovered", sweep.discovered().stream().map(CrashPoint::label).toList());
    json.put("swept", sweep.crashRuns().stream().map(RunResult::scenario).toList());
    return json;
  }

  private static void put(Map<String, Object> json, String key, OptionalDouble value) {
    value.ifPresent(v -> json.put(key, Math.round(v * 1000) / 1000.0));
  }

  private static void put(Map<String, Object> json, String key, OptionalLong value) {
    value.ifPresent(v -> json.put(key, v));
  }

  /** The run's audit table: each CRM write attempt and who made it, and why the identity checks did not pass. */
  static Map<String, Object> audit(RunResult run) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("sideEffects", AuditTrail.of(run.history()).stream().map(JsonReport::auditEntry).toList());
    json.put("explanations", run.violations().stream().filter(check -> IDENTITY_CHECKS.contains(check.checker()))
        .map(JsonReport::violation).toList());
    return json;
  }

  private static Map<String, Object> auditEntry(AuditTrail.Entry entry) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("op", entry.index());
    json.put("timeMillis", entry.timeMillis());
    json.put("operation", entry.operation());
    json.put("agent", entry.agent());
    json.put("user", entry.user());
    json.put("scope", entry.scope());
    json.put("tokenId", entry.tokenId());
    json.put("verdict", entry.verdict());
    return json;
  }

  private static Map<String, Object> violation(CheckResult check) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("checker", check.checker());
    json.put("message", check.message());
    json.put("evidence", check.evidence());
    return json;
  }

  private static Map<String, Object> check(CheckResult check) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("checker", check.checker());
    json.put("verdict", check.verdict().name());
    json.put("message", check.message());
    return json;
  }

  static String relative(Path directory, Path file) {
    Path base = directory.toAbsolutePath().normalize();
    Path target = file.toAbsolutePath().normalize();
    return target.startsWith(base) ? base.relativize(target).toString() : target.toString();
  }
}
