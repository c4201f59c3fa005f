package dev.crashtest.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.crashtest.check.CheckResult;
import dev.crashtest.scenario.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code report.json}: the seed, and per run its verdict, violations, metrics and files.
 *
 * <pre>{@code
 * Path file = JsonReport.write(42L, results, Path.of("crashtest-out"));
 * }</pre>
 *
 * <p>Schema (version 1): {@code {schemaVersion, seed, runs: [{scenario, agent, verdict, violations: [{checker,
 * message, evidence}], checks: [{checker, verdict, message}], error?, metrics: {...}, history, agentLog,
 * reproduce}]}}. Paths are relative to the report's directory.
 */
public final class JsonReport {
  public static final int SCHEMA_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  public static Path write(long seed, List<RunResult> runs, Path directory) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("schemaVersion", SCHEMA_VERSION);
    report.put("seed", seed);
    report.put("runs", runs.stream().map(run -> run(run, directory)).toList());
    Path file = directory.resolve("report.json");
    try {
      Files.createDirectories(directory);
      JSON.writeValue(file.toFile(), report);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the report [" + file + "]: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> run(RunResult run, Path directory) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scenario", run.scenario());
    json.put("agent", run.agent());
    json.put("seed", run.seed());
    json.put("verdict", run.verdict().name());
    json.put("violations", run.violations().stream().map(JsonReport::violation).toList());
    json.put("checks", run.checks().stream().map(JsonReport::check).toList());
    if (!run.error().isEmpty()) {
      json.put("error", run.error());
    }
    json.put("metrics", run.metrics());
    json.put("history", relative(directory, run.directory().resolve("history.jsonl")));
    json.put("agentLog", relative(directory, run.directory().resolve("agent.log")));
    json.put("reproduce", run.reproduce());
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

  private static String relative(Path directory, Path file) {
    Path base = directory.toAbsolutePath().normalize();
    Path target = file.toAbsolutePath().normalize();
    return target.startsWith(base) ? base.relativize(target).toString() : target.toString();
  }
}
