package dev.crashtest.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.crashtest.explore.ExplorationResult;
import dev.crashtest.scenario.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code exploration} section of a report made by {@code crashtest explore}: what was explored (seed, agent,
 * runs, faults tried per family) and each failure found, shrunk, with its minimal schedule, scenario file, reproduce
 * command and the run whose timeline shows it. report.json holds it as written here; {@link HtmlReport} shows it
 * above the runs and {@link JunitReport} makes each finding a failed test case.
 *
 * <pre>{@code
 * Report report = ExplorationSection.report(result, Path.of("explore-out"), "./crashtest explore --seed 1");
 * JsonReport.write(report);   // ... "exploration": {"seed": 1, "agent": "naive", "runs": 30, ..., "findings": [...]}
 * ExplorationSection.of(Report.read(file));   // read back
 * }</pre>
 *
 * @param runs how many exploration runs ran (the clean run and shrink runs not counted)
 * @param shrinkRuns how many runs shrinking took, over all findings
 * @param boundaries the clean run's boundaries, in the order the agent met them
 * @param faultsTried how many faults of each family the schedules held, in the generator's order
 * @param stoppedEarly why the exploration stopped before its runs were done, or {@code ""}
 * @param command the command that explores the same way again; {@code null} when not given
 */
@JsonPropertyOrder({"seed", "agent", "runs", "shrinkRuns", "elapsedSeconds", "boundaries", "faultsTried",
    "stoppedEarly", "command", "findings"})
public record ExplorationSection(long seed, String agent, int runs, int shrinkRuns, long elapsedSeconds,
    List<String> boundaries, Map<String, Integer> faultsTried, String stoppedEarly,
    @JsonInclude(JsonInclude.Include.NON_NULL) String command, List<Found> findings) {
  /** The section's name in report.json. */
  public static final String NAME = "exploration";

  public ExplorationSection {
    boundaries = List.copyOf(boundaries);
    faultsTried = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(faultsTried));
    stoppedEarly = stoppedEarly == null ? "" : stoppedEarly;
    findings = List.copyOf(findings);
  }

  /**
   * One failure found and shrunk.
   *
   * @param foundInRun the number of the exploration run that first failed this way, from 1
   * @param schedule the minimal schedule, fault after fault
   * @param faults how many faults the minimal schedule holds
   * @param file the scenario file it was written to, as the exploration named it
   * @param name the minimal scenario's name, the one in its file, e.g. {@code explore-found-001-task-completed}
   * @param minimalRun the {@code scenario} of the report's run of the minimal schedule, whose timeline shows the
   *     failure (the exploration run itself when shrinking changed nothing); {@code null} when none was kept
   * @param exploredRun the {@code scenario} of the exploration run that found it, e.g. {@code explore-007}
   */
  @JsonPropertyOrder({"checker", "foundInRun", "schedule", "faults", "shrinkSteps", "file", "reproduce", "name",
      "minimalRun", "exploredRun"})
  public record Found(String checker, int foundInRun, String schedule, int faults, List<String> shrinkSteps,
      String file, String reproduce, String name, @JsonInclude(JsonInclude.Include.NON_NULL) String minimalRun,
      @JsonInclude(JsonInclude.Include.NON_NULL) String exploredRun) {

    public Found {
      shrinkSteps = List.copyOf(shrinkSteps);
    }
  }

  /** The section of {@code result}, without the command that explores again. */
  public static ExplorationSection of(ExplorationResult result) {
    return of(result, null);
  }

  /** The section of {@code result}; {@code command} explores the same way again (shown in index.html). */
  public static ExplorationSection of(ExplorationResult result, String command) {
    List<Found> findings = result.findings().stream().map(finding -> new Found(finding.checker(),
        finding.foundInRun(), finding.minimal().description(), finding.minimal().faults().size(),
        finding.shrinkSteps(), finding.file().toString(), finding.reproduce(), finding.minimal().name(),
        finding.minimalRun() == null ? null : finding.minimalRun().scenario(),
        finding.run() == null ? null : finding.run().scenario())).toList();
    return new ExplorationSection(result.seed(), result.agent(), result.runs().size(), result.shrinkRuns(),
        result.elapsed().toSeconds(), result.boundaries().points().stream().map(Object::toString).toList(),
        result.faultsTried(), result.stoppedEarly(), command, findings);
  }

  /** The exploration section of {@code report}, read back; empty when it has none. */
  public static Optional<ExplorationSection> of(Report report) {
    return report.section(NAME, ExplorationSection.class);
  }

  /**
   * The report of an exploration, its renderings into {@code directory}: the exploration runs, then each finding's
   * minimal run not among them (tied to its scenario file, so its reproduce command names the file), and this
   * section.
   */
  public static Report report(ExplorationResult result, Path directory, String command) {
    List<RunResult> runs = new ArrayList<>(result.runs());
    Map<String, ReportRun.SourceFile> files = new LinkedHashMap<>();
    result.findings().forEach(finding -> {
      RunResult minimal = finding.minimalRun();
      if (minimal != null && runs.stream().noneMatch(run -> run.scenario().equals(minimal.scenario()))) {
        runs.add(minimal);
        sourceFile(finding.file()).ifPresent(file -> files.put(minimal.scenario(), file));
      }
    });
    return Report.of(result.seed(), 1, runs, List.of(), directory, files).withSection(NAME, of(result, command));
  }

  /** How many faults the schedules held, all families together: 0 when the exploration stopped before any. */
  int faultsInAll() {
    return faultsTried.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Whether the finding's minimal run is a run of its own, not the exploration run that found it. */
  boolean isFinding(String scenario) {
    return findings.stream().anyMatch(found -> scenario.equals(found.minimalRun())
        && !scenario.equals(found.exploredRun()));
  }

  private static Optional<ReportRun.SourceFile> sourceFile(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
      return Optional.of(new ReportRun.SourceFile(file.toString(), HexFormat.of().formatHex(digest)));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the found scenario file [" + file + "]: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java has no SHA-256, which every Java SE has", e);
    }
  }
}
