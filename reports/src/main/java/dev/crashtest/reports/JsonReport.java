package dev.crashtest.reports;

import dev.crashtest.scenario.CrashPointSweep;
import dev.crashtest.scenario.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code report.json}, a {@link Report} as JSON: the seed, and per run its verdict, violations, metrics and
 * files. The JSON is the model's records bound by Jackson, in the order below; {@link Report#read(Path)} reads it
 * back into the same records.
 *
 * <pre>{@code
 * Path file = JsonReport.write(Report.of(42L, 3, results, sweeps, Path.of("crashtest-out")));   // --repeat 3
 * Path same = JsonReport.write(42L, results, Path.of("crashtest-out"));   // one try each, no sweeps
 * }</pre>
 *
 * <p>Schema (version 1): {@code {schemaVersion, seed, repeat, runs: [{scenario, scenarioFile?: {path, sha256}, agent,
 * seed, try, crashPoint?, verdict, violations: [{checker, message, evidence}], checks: [{checker, verdict, message}],
 * faults: [{fault, fired, op, source?: {traceId, spanId}}], error?, cause?, metrics: {...}, history, agentLog,
 * reproduce}], comparison: {k, cells: [{scenario, agent, tries, passed, verdict, passK?, medianRecoveryMillis?,
 * unrecovered, duplicates, redoneModelCalls, redoneCrmCalls, medianModelTokens, medianWallMillis}], agents: [{agent,
 * scenarios, passK?, runs, passed, medianRecoveryMillis?, unrecovered, duplicates, redoneModelCalls, redoneCrmCalls}]},
 * crashPointSweeps: [{agent, seed, clean, cleanVerdict, discovered, swept}]}}. A run's {@code seed} is its try's
 * campaign seed ({@code --seed} reproduces it alone), {@code try} counts its scenario × agent's tries from 1 (the try
 * whose seed it carries, also in a shard); {@code cause} is {@code "environment"} for an ERROR the harness's side
 * caused (exit 3, not the agent's fault); {@code faults} are the run's fault ops ({@code fault_injected}, then
 * {@code fault_missed} with {@code fired} false), {@code source} the span of a production trace the fault reproduces;
 * {@code scenarioFile} names the file a scenario read with {@code --scenario-file} came from, as given, and the SHA-256
 * of its bytes (its {@code reproduce} then uses {@code --scenario-file}). Paths are relative to the report's directory;
 * metrics are defined in {@code docs/recovery.md}. Fields are only ever added within a schema version.
 *
 * <p>The command line adds sections of its own after these, through
 * {@link Report#withSection(String, Object)}: {@code baseline: {report, seed, repeat, regressions: [{scenario,
 * agent, worse: [...], before: {verdict, passK?, duplicates, unrecovered}, after: {...}}], improvements: [{scenario,
 * agent, better: [...], before, after}], unchanged, newCells: ["scenario × agent"], notRun}} for a run with
 * {@code --baseline} ({@code worse} and {@code better} name what changed among {@code verdict}, {@code passK},
 * {@code duplicates} and {@code unrecovered}); {@code shard: {index, count, cells, agents, scenarios}} for a run with
 * {@code --shard index/count} ({@code cells}: how many of the campaign's scenario × agent × try cells it ran;
 * {@code agents} and {@code scenarios}: the whole campaign's, in its order); {@code mergedFrom: [{report, shard?}]}
 * for a report {@code crashtest merge} wrote; {@code incomplete: {reason, runsFinished, runsPlanned}} for a campaign
 * stopped before its end ({@code reason} {@code "interrupted"}: Ctrl-C), whose {@code runs} are those that finished
 * (a run cut short is left out). A report without {@code incomplete} holds every run its campaign planned.
 * {@code crashtest explore} adds {@code exploration: {seed, agent, runs, shrinkRuns, elapsedSeconds, boundaries,
 * faultsTried: {family: count}, stoppedEarly, command?, findings: [{checker, foundInRun, schedule, faults,
 * shrinkSteps, file, reproduce, name, minimalRun?, exploredRun?}]}} ({@link ExplorationSection}): {@code minimalRun}
 * and {@code exploredRun} are the {@code scenario} of a run in {@code runs}: the run of the minimal schedule (whose
 * timeline shows the failure) and the exploration run that found it.
 */
public final class JsonReport {
  /** report.json's schema version; see {@link Report#SCHEMA_VERSION}. */
  public static final int SCHEMA_VERSION = Report.SCHEMA_VERSION;

  private JsonReport() {}

  /** Writes {@code report.json} into the report's directory. */
  public static Path write(Report report) {
    Path file = report.directory().resolve("report.json");
    try {
      Files.createDirectories(report.directory());
      Report.JSON.writeValue(file.toFile(), report);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the report [" + file + "]: " + e.getMessage(), e);
    }
  }

  /** The report of a campaign of one try per scenario × agent, without sweeps. */
  public static Path write(long seed, List<RunResult> runs, Path directory) {
    return write(seed, 1, runs, List.of(), directory);
  }

  /** The report of a campaign of {@code repeat} tries per scenario × agent, with the sweeps it ran. */
  public static Path write(long seed, int repeat, List<RunResult> runs, List<CrashPointSweep.Result> sweeps,
      Path directory) {
    return write(Report.of(seed, repeat, runs, sweeps, directory));
  }

  /**
   * The same, with top-level sections the caller adds after the others, in its map's order: the command line's
   * {@code shard}, {@code mergedFrom} and {@code baseline} (their shape is in this class's documentation).
   */
  public static Path write(long seed, int repeat, List<RunResult> runs, List<CrashPointSweep.Result> sweeps,
      Path directory, Map<String, ?> sections) {
    return write(Report.of(seed, repeat, runs, sweeps, directory).withSections(sections));
  }
}
