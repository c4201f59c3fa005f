package dev.crashtest.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.crashtest.check.AuditTrail;
import dev.crashtest.check.CheckResult;
import dev.crashtest.history.Op;
import dev.crashtest.scenario.CrashPoint;
import dev.crashtest.scenario.CrashPointSweep;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.Seeds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The report.json writer as it was before the report model (commit b008920), kept verbatim as the golden reference:
 * {@link ReportJsonGoldenTest} proves the model's JSON rendering byte-identical to it for the same runs. One field
 * was added since, as schema version 1 allows: a run of a scenario read from a file has {@code scenarioFile: {path,
 * sha256}} after its {@code scenario}, and reproduces with {@code --scenario-file}; and every run has {@code faults:
 * [{fault, fired, op, source?: {traceId, spanId}}]} after its {@code checks}, the fault ops of its history.
 */
final class JsonReportV1 {
  static final int SCHEMA_VERSION = 1;
  /** The checkers whose findings a security reviewer reads next to the audit table. */
  static final List<String> IDENTITY_CHECKS = List.of("delegated-writes", "least-privilege", "revocation-respected",
      "secret-hygiene", "rotation-survived");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReportV1() {}

  /** The report of a campaign of one try per scenario × agent, without sweeps. */
  static Path write(long seed, List<RunResult> runs, Path directory) {
    return write(seed, 1, runs, List.of(), directory);
  }

  /** The report of a campaign of {@code repeat} tries per scenario × agent, with the sweeps it ran. */
  static Path write(long seed, int repeat, List<RunResult> runs, List<CrashPointSweep.Result> sweeps,
      Path directory) {
    return write(seed, repeat, runs, sweeps, directory, Map.of());
  }

  /**
   * The same, with top-level sections the caller adds after the others, in its map's order: the command line's
   * {@code shard}, {@code mergedFrom} and {@code baseline} (their shape is in this class's documentation).
   */
  static Path write(long seed, int repeat, List<RunResult> runs, List<CrashPointSweep.Result> sweeps,
      Path directory, Map<String, ?> sections) {
    return write(seed, repeat, runs, sweeps, directory, sections, Map.of());
  }

  /** The same, the runs of scenarios read from files tied to their file by the scenario's name. */
  static Path write(long seed, int repeat, List<RunResult> runs, List<CrashPointSweep.Result> sweeps,
      Path directory, Map<String, ?> sections, Map<String, ReportRun.SourceFile> files) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("schemaVersion", SCHEMA_VERSION);
    report.put("seed", seed);
    report.put("repeat", repeat);
    List<Integer> tries = tryNumbers(seed, repeat, runs);
    report.put("runs", IntStream.range(0, runs.size())
        .mapToObj(i -> run(runs.get(i), files.get(runs.get(i).scenario()), directory, tries.get(i)))
        .toList());
    report.put("comparison", comparison(Comparison.of(runs, repeat)));
    report.put("crashPointSweeps", sweeps.stream().map(JsonReportV1::sweep).toList());
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

  private static Map<String, Object> run(RunResult run, ReportRun.SourceFile file, Path directory, int tryNumber) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scenario", run.scenario());
    if (file != null) {
      Map<String, Object> scenarioFile = new LinkedHashMap<>();
      scenarioFile.put("path", file.path());
      scenarioFile.put("sha256", file.sha256());
      json.put("scenarioFile", scenarioFile);
    }
    json.put("agent", run.agent());
    json.put("seed", run.seed());
    json.put("try", tryNumber);
    CrashPointSweep.pointOf(run.scenario()).ifPresent(point -> json.put("crashPoint", point.label()));
    json.put("verdict", run.verdict().name());
    json.put("violations", run.violations().stream().map(JsonReportV1::violation).toList());
    json.put("checks", run.checks().stream().map(JsonReportV1::check).toList());
    json.put("faults", faults(run));
    if (!run.error().isEmpty()) {
      json.put("error", run.error());
    }
    if (run.causedByEnvironment()) {
      json.put("cause", "environment");
    }
    json.put("metrics", run.metrics());
    json.put("history", relative(directory, run.directory().resolve("history.jsonl")));
    json.put("agentLog", relative(directory, run.directory().resolve("agent.log")));
    json.put("reproduce", file == null ? run.reproduce() : "./crashtest run --scenario-file " + file.path() + " "
        + run.agentArguments() + " --seed " + run.seed());
    json.put("audit", audit(run));
    return json;
  }

  private static Map<String, Object> comparison(Comparison comparison) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("k", comparison.k());
    json.put("cells", comparison.cells().stream().map(JsonReportV1::cell).toList());
    json.put("agents", comparison.agents().stream().map(JsonReportV1::agent).toList());
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
    json.put("sideEffects", AuditTrail.of(run.history()).stream().map(JsonReportV1::auditEntry).toList());
    json.put("explanations", run.violations().stream().filter(check -> IDENTITY_CHECKS.contains(check.checker()))
        .map(JsonReportV1::violation).toList());
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

  private static List<Map<String, Object>> faults(RunResult run) {
    List<Map<String, Object>> faults = new ArrayList<>();
    for (Op op : run.history().ops()) {
      boolean fired = op.is("harness", "fault_injected");
      if (!fired && !op.is("harness", "fault_missed")) {
        continue;
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("fault", op.text("fault"));
      json.put("fired", fired);
      json.put("op", op.index());
      if (op.text("traceId") != null && op.text("spanId") != null) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("traceId", op.text("traceId"));
        source.put("spanId", op.text("spanId"));
        json.put("source", source);
      }
      faults.add(json);
    }
    return faults;
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

  /** {@code CampaignFacts.tryNumbers} as it was. */
  private static List<Integer> tryNumbers(long seed, int repeat, List<RunResult> runs) {
    Map<List<String>, Integer> counts = new HashMap<>();
    Set<List<Object>> taken = new HashSet<>();
    List<Integer> numbers = new ArrayList<>();
    for (RunResult run : runs) {
      int counted = counts.merge(List.of(run.scenario(), run.agent()), 1, Integer::sum);
      OptionalInt bySeed = Seeds.tryOf(seed, repeat, run.seed());
      int number = bySeed.isPresent() && !taken.contains(List.of(run.scenario(), run.agent(), bySeed.getAsInt() + 1))
          ? bySeed.getAsInt() + 1 : counted;
      taken.add(List.of(run.scenario(), run.agent(), number));
      numbers.add(number);
    }
    return numbers;
  }
}
