package dev.crashtest.reports;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.crashtest.scenario.CrashPoint;
import dev.crashtest.scenario.CrashPointSweep;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * What a campaign found, built once and rendered three ways: {@link JsonReport} (report.json), {@link JunitReport}
 * (junit.xml) and {@link HtmlReport} (index.html). It holds the campaign's seed and tries, each run as the reports
 * show it ({@link ReportRun}: try number, verdict, violations, audit, files), the {@link Comparison} with pass^k, the
 * crash-point sweeps, the {@link Facts} a reader needs to trust and rerun it, and named sections others add
 * ({@code shard}, {@code baseline}, {@code mergedFrom}, {@code incomplete}, {@code exploration}; the workload section
 * to come goes there too), written after the report's own fields in the order they were added.
 *
 * <pre>{@code
 * Report report = Report.of(42L, 3, results, sweeps, Path.of("crashtest-out")).withSection("shard", shard);
 * JsonReport.write(report);                 // crashtest-out/report.json
 * JunitReport.write(report);                // crashtest-out/junit.xml
 * HtmlReport.write(report);                 // crashtest-out/index.html
 * Report again = Report.read(Path.of("crashtest-out/report.json"));   // the same runs, comparison and sections
 * }</pre>
 *
 * <p>A report read back from report.json has no histories in memory ({@link #results()} is empty), so index.html,
 * which draws each run's timeline, is rendered from a report built from runs; report.json and junit.xml render from
 * either. Its pass^k values are those report.json holds, rounded to three decimals.
 */
@JsonPropertyOrder({"schemaVersion", "seed", "repeat", "runs", "comparison", "crashPointSweeps"})
public final class Report {
  /** report.json's schema version: within it, fields are only ever added, never renamed or removed. */
  public static final int SCHEMA_VERSION = 1;
  static final ObjectMapper JSON = new ObjectMapper().registerModule(new Jdk8Module())
      .enable(SerializationFeature.INDENT_OUTPUT).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  static final Set<String> OWN_FIELDS = Set.of("schemaVersion", "seed", "repeat", "runs", "comparison",
      "crashPointSweeps");

  private final long seed;
  private final int repeat;
  private final List<ReportRun> runs;
  private final Comparison comparison;
  private final List<Sweep> sweeps;
  private final Map<String, JsonNode> sections;
  private final Path directory;
  private final List<RunResult> results;
  private final Facts facts;

  /**
   * One crash-point sweep: its clean run, the points that run discovered, and the runs killed at them.
   *
   * @param seed the clean run's seed, which its crash runs share; {@code null} in a report written before sweeps
   *     named it
   */
  @JsonPropertyOrder({"agent", "seed", "clean", "cleanVerdict", "discovered", "swept"})
  public record Sweep(String agent, Long seed, String clean, RunVerdict cleanVerdict, List<String> discovered,
      List<String> swept) {

    /** Whether {@code run} is this sweep's clean run or one of its crash runs. */
    public boolean holds(ReportRun run) {
      return run.agent().equals(agent) && (seed == null || run.seed() == seed)
          && (run.scenario().equals(clean) || swept.contains(run.scenario()));
    }

    static Sweep of(CrashPointSweep.Result sweep) {
      return new Sweep(sweep.clean().agent(), sweep.clean().seed(), sweep.clean().scenario(),
          sweep.clean().verdict(), sweep.discovered().stream().map(CrashPoint::label).toList(),
          sweep.crashRuns().stream().map(RunResult::scenario).toList());
    }
  }

  /**
   * What a reader needs to trust and repeat the campaign; index.html and junit.xml show them, report.json does not
   * (schema version 1 has no field for them).
   *
   * @param runTimeMillis the runs' wall times added up: the time spent running, without starting environments
   * @param rerunCommand the command that runs the whole campaign again, e.g. {@code ./crashtest run --scenario
   *     happy-path --agent naive --seed 42}
   * @param written when this report was made
   */
  public record Facts(String crashtestVersion, String javaVersion, long runTimeMillis, String rerunCommand,
      Instant written) {}

  private Report(long seed, int repeat, List<ReportRun> runs, Comparison comparison, List<Sweep> sweeps,
      Map<String, JsonNode> sections, Path directory, List<RunResult> results) {
    this.seed = seed;
    this.repeat = repeat;
    this.runs = List.copyOf(runs);
    this.comparison = comparison;
    this.sweeps = List.copyOf(sweeps);
    this.sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
    this.directory = directory;
    this.results = List.copyOf(results);
    this.facts = CampaignFacts.of(seed, repeat, this.runs, this.sweeps);
  }

  /**
   * The report of {@code runs}, {@code repeat} tries per scenario × agent drawn from {@code seed}, with the sweeps
   * among them; its paths relative to {@code directory}, where its renderings go.
   */
  public static Report of(long seed, int repeat, List<RunResult> runs, List<CrashPointSweep.Result> sweeps,
      Path directory) {
    return of(seed, repeat, runs, sweeps, directory, Map.of());
  }

  /**
   * The same, the runs of scenarios read from files tied to their file: {@code scenarioFiles} maps a scenario's name
   * to its file, and each of its runs records the file's path and digest and reproduces with
   * {@code --scenario-file}.
   *
   * <pre>{@code
   * Report.of(42L, 1, results, List.of(), out, Map.of("idp-down", new ReportRun.SourceFile("incidents/idp-down.yaml",
   *     "9f2c…")));
   * }</pre>
   */
  public static Report of(long seed, int repeat, List<RunResult> runs, List<CrashPointSweep.Result> sweeps,
      Path directory, Map<String, ReportRun.SourceFile> scenarioFiles) {
    List<Integer> tries = CampaignFacts.tryNumbers(seed, repeat, runs);
    List<ReportRun> entries = IntStream.range(0, runs.size())
        .mapToObj(i -> ReportRun.of(runs.get(i), scenarioFiles.get(runs.get(i).scenario()), tries.get(i), directory))
        .toList();
    return new Report(seed, repeat, entries, Comparison.of(runs, repeat), sweeps.stream().map(Sweep::of).toList(),
        Map.of(), directory, runs);
  }

  /**
   * Reads a report.json back into the model; sections are kept whatever their name.
   *
   * @throws IllegalArgumentException one line naming the file and what is wrong with it
   */
  public static Report read(Path file) {
    return ReportReader.read(file);
  }

  static Report read(long seed, int repeat, List<ReportRun> runs, Comparison comparison, List<Sweep> sweeps,
      Map<String, JsonNode> sections, Path directory) {
    return new Report(seed, repeat, runs, comparison, sweeps, sections, directory, List.of());
  }

  /**
   * The same report with the section {@code name} added after the others (or replaced): any value Jackson writes,
   * such as a map or a record.
   *
   * @throws IllegalArgumentException when {@code name} is one of the report's own fields
   */
  public Report withSection(String name, Object section) {
    if (OWN_FIELDS.contains(name)) {
      throw new IllegalArgumentException("the section [" + name + "] is the report's own; add sections of other"
          + " names, e.g. \"shard\"");
    }
    Map<String, JsonNode> added = new LinkedHashMap<>(sections);
    added.put(name, asJson(name, section));
    return new Report(seed, repeat, runs, comparison, sweeps, added, directory, results);
  }

  /** The same report with each of {@code sections} added, in the map's order. */
  public Report withSections(Map<String, ?> sections) {
    Report report = this;
    for (Map.Entry<String, ?> section : sections.entrySet()) {
      report = report.withSection(section.getKey(), section.getValue());
    }
    return report;
  }

  @JsonProperty
  public int schemaVersion() {
    return SCHEMA_VERSION;
  }

  /** The campaign's seed: {@code --seed} reproduces it. */
  @JsonProperty
  public long seed() {
    return seed;
  }

  /** Tries per scenario × agent ({@code --repeat}). */
  @JsonProperty
  public int repeat() {
    return repeat;
  }

  /** Every run, in the order they ran. */
  @JsonProperty
  public List<ReportRun> runs() {
    return runs;
  }

  /** The scenario × agent matrix with pass^k, and a summary per agent. */
  @JsonProperty
  public Comparison comparison() {
    return comparison;
  }

  /** The crash-point sweeps among the runs. */
  @JsonProperty
  public List<Sweep> crashPointSweeps() {
    return sweeps;
  }

  /** The names of the sections added to the report's own fields, in their order. */
  public Set<String> sectionNames() {
    return sections.keySet();
  }

  /** The section {@code name} read as {@code type} (a record or a map); empty when the report has none. */
  public <T> Optional<T> section(String name, Class<T> type) {
    JsonNode section = sections.get(name);
    if (section == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.treeToValue(section, type));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the section [" + name + "] is not a " + type.getSimpleName() + ": "
          + e.getOriginalMessage(), e);
    }
  }

  @JsonAnyGetter
  Map<String, JsonNode> sections() {
    return sections;
  }

  /** The directory its renderings go into, and its runs' paths are relative to. */
  public Path directory() {
    return directory;
  }

  /** The runs it was built from, with their histories; empty for a report read from report.json. */
  public List<RunResult> results() {
    return results;
  }

  /** Versions, total run time, the rerun command and when it was made. */
  public Facts facts() {
    return facts;
  }

  /** How many runs ended with {@code verdict}. */
  public long count(RunVerdict verdict) {
    return runs.stream().filter(run -> run.verdict() == verdict).count();
  }

  /** The report as report.json holds it. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write the report as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Equal when report.json would hold the same: seed, tries, runs, comparison, sweeps and sections. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Report that && seed == that.seed && repeat == that.repeat && runs.equals(that.runs)
        && comparison.equals(that.comparison) && sweeps.equals(that.sweeps) && sections.equals(that.sections);
  }

  @Override
  public int hashCode() {
    return Objects.hash(seed, repeat, runs, comparison, sweeps, sections);
  }

  @Override
  public String toString() {
    return "Report[seed " + seed + ", " + runs.size() + " run(s), sections " + sections.keySet() + "]";
  }

  /** The section as JSON, written and read back so that it equals the same section read from report.json. */
  private static JsonNode asJson(String name, Object section) {
    try {
      return JSON.readTree(JSON.writeValueAsBytes(section));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("the section [" + name + "] cannot be written as JSON: " + e.getMessage(),
          e);
    }
  }
}
