package dev.crashtest.scenarios;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.check.CheckResult;
import dev.crashtest.check.Verdict;
import dev.crashtest.history.History;
import dev.crashtest.history.HistoryFiles;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import dev.crashtest.history.Vocabulary;
import dev.crashtest.reports.Comparison;
import dev.crashtest.reports.JsonReport;
import dev.crashtest.scenario.CrashPoint;
import dev.crashtest.scenario.CrashPointSweep;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code report.json} read back (its schema is in {@link JsonReport}'s documentation): what {@code --baseline}
 * compares against and what {@code merge} combines. Reading checks the schema version; the runs' histories are read
 * only when {@link #runs(Path)} asks for them, so a baseline may be a lone report.json.
 *
 * <pre>{@code
 * SavedReport report = SavedReport.read(Path.of("previous/report.json"));
 * report.cells();                      // the comparison's scenario × agent cells
 * report.runs(report.directory());     // every run, its history read from its history.jsonl
 * }</pre>
 */
final class SavedReport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern AGENT_ARGUMENTS = Pattern.compile("\\./crashtest run --scenario ('[^']*'|\\S+) (.+)"
      + " --seed -?[0-9]+");

  private final Path file;
  private final JsonNode root;

  /** The {@code shard} section of a report a run with {@code --shard} wrote. */
  record ShardSection(int index, int count, List<String> agents, List<String> scenarios) {}

  private SavedReport(Path file, JsonNode root) {
    this.file = file;
    this.root = root;
  }

  /**
   * Reads {@code file} and checks it is a Crashtest report of this schema version.
   *
   * @throws IllegalArgumentException one line naming the file and what is wrong with it
   */
  static SavedReport read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("[" + file + "] does not exist or is not a file");
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (JacksonException e) {
      throw new IllegalArgumentException("[" + file + "] is not JSON: " + e.getOriginalMessage().lines().findFirst()
          .orElse(""), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("[" + file + "] could not be read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject() || !root.path("schemaVersion").isInt()) {
      throw new IllegalArgumentException("[" + file + "] is not a Crashtest report.json: it has no schemaVersion");
    }
    int version = root.get("schemaVersion").asInt();
    if (version != JsonReport.SCHEMA_VERSION) {
      throw new IllegalArgumentException("[" + file + "] has schemaVersion [" + version + "]; this crashtest reads"
          + " schemaVersion " + JsonReport.SCHEMA_VERSION);
    }
    for (String field : List.of("seed", "repeat")) {
      if (!root.path(field).canConvertToLong()) {
        throw new IllegalArgumentException("[" + file + "] is not a complete Crashtest report.json: no " + field);
      }
    }
    if (!root.path("runs").isArray() || !root.path("comparison").path("cells").isArray()) {
      throw new IllegalArgumentException("[" + file + "] is not a complete Crashtest report.json: no runs or"
          + " comparison cells");
    }
    return new SavedReport(file, root);
  }

  Path file() {
    return file;
  }

  /** The report's directory, which its paths are relative to. */
  Path directory() {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? Path.of("") : parent;
  }

  long seed() {
    return root.get("seed").asLong();
  }

  int repeat() {
    return root.get("repeat").asInt();
  }

  Optional<ShardSection> shard() {
    JsonNode shard = root.path("shard");
    if (!shard.isObject()) {
      return Optional.empty();
    }
    return Optional.of(new ShardSection(shard.path("index").asInt(), shard.path("count").asInt(),
        texts(shard.path("agents")), texts(shard.path("scenarios"))));
  }

  /** The comparison's cells, one per scenario × agent, as the report wrote them. */
  List<Comparison.Cell> cells() {
    List<Comparison.Cell> cells = new ArrayList<>();
    for (JsonNode cell : root.path("comparison").path("cells")) {
      cells.add(new Comparison.Cell(cell.path("scenario").asText(), cell.path("agent").asText(),
          cell.path("tries").asInt(), cell.path("passed").asInt(), RunVerdict.valueOf(cell.path("verdict").asText()),
          cell.has("passK") ? OptionalDouble.of(cell.get("passK").asDouble()) : OptionalDouble.empty(),
          cell.has("medianRecoveryMillis") ? OptionalLong.of(cell.get("medianRecoveryMillis").asLong())
              : OptionalLong.empty(), cell.path("unrecovered").asLong(), cell.path("duplicates").asLong(),
          cell.path("redoneModelCalls").asLong(), cell.path("redoneCrmCalls").asLong(),
          cell.path("medianModelTokens").asLong(), cell.path("medianWallMillis").asLong()));
    }
    return cells;
  }

  /** Each run's directory as the report names it: relative to the report's directory, or absolute. */
  List<Path> runDirectories() {
    List<Path> directories = new ArrayList<>();
    for (JsonNode run : root.path("runs")) {
      Path history = Path.of(run.path("history").asText("history.jsonl"));
      directories.add(history.getParent() == null ? Path.of("") : history.getParent());
    }
    return directories;
  }

  /**
   * Every run, its files looked up under {@code base} (the report's directory, or where its run directories were
   * copied). A run without a history file (skipped, or its setup failed) gets an empty history; one whose report
   * entry says {@code cause: environment} keeps that cause.
   */
  List<RunResult> runs(Path base) {
    List<RunResult> runs = new ArrayList<>();
    for (JsonNode run : root.path("runs")) {
      Path historyFile = base.resolve(run.path("history").asText("history.jsonl"));
      List<Op> ops = new ArrayList<>(Files.isRegularFile(historyFile) ? HistoryFiles.read(historyFile).ops()
          : List.of());
      if ("environment".equals(run.path("cause").asText()) && ops.stream()
          .noneMatch(op -> op.is(Vocabulary.HARNESS, Vocabulary.ENVIRONMENT_FAILED))) {
        ops.add(new Op(ops.size(), 0, Vocabulary.HARNESS, Vocabulary.RUNNER, Vocabulary.ENVIRONMENT_FAILED,
            OpType.INFO, Map.of("error", run.path("error").asText())));
      }
      Matcher arguments = AGENT_ARGUMENTS.matcher(run.path("reproduce").asText());
      runs.add(new RunResult(run.path("scenario").asText(), run.path("agent").asText(), run.path("seed").asLong(),
          RunVerdict.valueOf(run.path("verdict").asText()), checks(run), run.path("error").asText(""),
          metrics(run.path("metrics")), History.of(ops), historyFile.getParent(),
          arguments.matches() ? arguments.group(2) : null));
    }
    return runs;
  }

  /** The report's crash-point sweeps, their runs taken from {@code runs} (as {@link #runs(Path)} returned them). */
  List<CrashPointSweep.Result> sweeps(List<RunResult> runs) {
    Set<Integer> used = new HashSet<>();
    List<CrashPointSweep.Result> sweeps = new ArrayList<>();
    for (JsonNode sweep : root.path("crashPointSweeps")) {
      String agent = sweep.path("agent").asText();
      Long seed = sweep.has("seed") ? sweep.get("seed").asLong() : null;
      int clean = take(runs, used, sweep.path("clean").asText(), agent, seed);
      List<RunResult> crashRuns = new ArrayList<>();
      for (String swept : texts(sweep.path("swept"))) {
        crashRuns.add(runs.get(take(runs, used, swept, agent, runs.get(clean).seed())));
      }
      List<CrashPoint> discovered = texts(sweep.path("discovered")).stream()
          .map(label -> CrashPoint.parse(label).orElseThrow(() -> new IllegalArgumentException("[" + file
              + "] names a crash point [" + label + "] that is not service:operation#n")))
          .toList();
      sweeps.add(new CrashPointSweep.Result(runs.get(clean), discovered, crashRuns));
    }
    return sweeps;
  }

  private int take(List<RunResult> runs, Set<Integer> used, String scenario, String agent, Long seed) {
    for (int i = 0; i < runs.size(); i++) {
      RunResult run = runs.get(i);
      if (!used.contains(i) && run.scenario().equals(scenario) && run.agent().equals(agent)
          && (seed == null || run.seed() == seed)) {
        used.add(i);
        return i;
      }
    }
    throw new IllegalArgumentException("[" + file + "] lists a crash-point sweep run [" + scenario + "] of agent ["
        + agent + "] that is not among its runs");
  }

  private static List<CheckResult> checks(JsonNode run) {
    Map<String, List<Long>> evidence = new LinkedHashMap<>();
    for (JsonNode violation : run.path("violations")) {
      List<Long> ops = new ArrayList<>();
      violation.path("evidence").forEach(index -> ops.add(index.asLong()));
      evidence.put(violation.path("checker").asText() + "\n" + violation.path("message").asText(), ops);
    }
    List<CheckResult> checks = new ArrayList<>();
    for (JsonNode check : run.path("checks")) {
      String checker = check.path("checker").asText();
      String message = check.path("message").asText();
      checks.add(new CheckResult(checker, Verdict.valueOf(check.path("verdict").asText()), message,
          evidence.getOrDefault(checker + "\n" + message, List.of())));
    }
    return checks;
  }

  private static Map<String, Long> metrics(JsonNode metrics) {
    Map<String, Long> values = new LinkedHashMap<>();
    metrics.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().asLong()));
    return values;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
