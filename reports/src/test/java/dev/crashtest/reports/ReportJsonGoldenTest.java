package dev.crashtest.reports;

import static dev.crashtest.reports.Runs.run;
import static dev.crashtest.scenario.RunVerdict.FAIL;
import static dev.crashtest.scenario.RunVerdict.PASS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import dev.crashtest.history.Vocabulary;
import dev.crashtest.scenario.CrashPoint;
import dev.crashtest.scenario.CrashPointSweep;
import dev.crashtest.scenario.RunMetrics;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenario.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.json is a published format (schemaVersion 1: fields are only ever added): for the same runs the writer
 * must produce the very bytes the writer before the report model produced ({@link JsonReportV1}), key order and
 * indentation included, since CI pipelines diff and parse it.
 */
class ReportJsonGoldenTest {
  @TempDir Path out;

  @Test
  void report_json_is_byte_identical_to_the_writer_before_the_report_model() throws IOException {
    Campaign campaign = campaign(out);

    String before = Files.readString(JsonReportV1.write(campaign.seed, campaign.repeat, campaign.runs,
        campaign.sweeps, out, campaign.sections, campaign.files));
    String now = Files.readString(JsonReport.write(Report.of(campaign.seed, campaign.repeat, campaign.runs,
        campaign.sweeps, out, campaign.files).withSections(campaign.sections)));

    assertThat(now).as("report.json for the same runs")
        .contains("\"history\" : \"runs/happy-path--naive/history.jsonl\"").contains("\"passK\" : ")
        .contains("\"cause\" : \"environment\"")
        .contains("\"scenario\" : \"idp-down-during-approval\",\n    \"scenarioFile\" : {\n"
            + "      \"path\" : \"incidents/idp-down-during-approval.yaml\",\n      \"sha256\" : \"" + SHA256 + "\"\n"
            + "    },\n    \"agent\" : \"naive\"")
        .contains("\"reproduce\" : \"./crashtest run --scenario-file incidents/idp-down-during-approval.yaml"
            + " --agent naive --seed 7\"")
        .contains("\"faults\" : [ {\n      \"fault\" : \"" + ReportRuns.TRACED_KILL + "\",\n      \"fired\" : true,\n"
            + "      \"op\" : 3,\n      \"source\" : {\n        \"traceId\" : \"" + ReportRuns.TRACE_ID + "\",\n"
            + "        \"spanId\" : \"" + ReportRuns.SPAN_ID + "\"\n      }\n    }, {\n")
        .isEqualTo(before);
  }

  static final String SHA256 = "9f2c5e0d6b1a4c3e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e";

  /**
   * A campaign with something in every field: tries, sweeps, audit rows, errors, an environment cause, a scenario
   * read from a file, sections.
   */
  record Campaign(long seed, int repeat, List<RunResult> runs, List<CrashPointSweep.Result> sweeps,
      Map<String, Object> sections, Map<String, ReportRun.SourceFile> files) {}

  static Campaign campaign(Path out) {
    long seed = 7L;
    RunResult clean = run("crash-point-sweep[clean]", "naive", PASS);
    RunResult crashed = run("crash-point-sweep[crm:place_order#1]", "naive", FAIL, "unrecoveredRestarts", 1);
    CrashPointSweep.Result sweep = new CrashPointSweep.Result(clean,
        List.of(new CrashPoint("model", "chat_completion", 1, ""), new CrashPoint("crm", "place_order", 1, "")),
        List.of(crashed));
    RunResult environment = new RunResult("model-429-storm", "python", Seeds.forRepeat(seed, 1), RunVerdict.ERROR,
        List.of(), "the model endpoint did not start: port 8080 in use", Map.of(RunMetrics.WALL_TIME_MILLIS, 900L),
        History.of(List.of(new Op(0, 12, Vocabulary.HARNESS, Vocabulary.RUNNER, Vocabulary.ENVIRONMENT_FAILED,
            OpType.INFO, Map.of("error", "port 8080 in use")))), out.resolve("runs/model-429-storm--python"));
    List<RunResult> runs = List.of(
        ReportRuns.crashBeforeCreateQuote(out.resolve("runs"), "naive", seed),
        ReportRuns.happyPath(out.resolve("runs"), "naive", Seeds.forRepeat(seed, 1)),
        ReportRuns.happyPath(out.resolve("runs"), "python", seed),
        ReportRuns.skipped(out.resolve("runs"), "python"),
        ReportRuns.errored(Path.of("/elsewhere"), "python", "agent [python] never answered /health"),
        environment, clean, crashed, ReportRuns.of("idp-down-during-approval", "naive", List.of(), out.resolve("runs"),
            seed), ReportRuns.fromTrace(out.resolve("runs"), "naive", seed));
    Map<String, Object> shard = new LinkedHashMap<>();
    shard.put("index", 1);
    shard.put("count", 2);
    shard.put("agents", List.of("naive", "python"));
    Map<String, Object> baseline = new LinkedHashMap<>();
    baseline.put("report", "last/report.json");
    baseline.put("seed", 5_000_000_000L);
    baseline.put("regressions", List.of(Map.of("passK", 0.333)));
    baseline.put("newCells", List.of());
    Map<String, Object> sections = new LinkedHashMap<>();
    sections.put("shard", shard);
    sections.put("baseline", baseline);
    sections.put("incomplete", Map.of("reason", "interrupted"));
    return new Campaign(seed, 2, runs, List.of(sweep), sections, Map.of("idp-down-during-approval",
        new ReportRun.SourceFile("incidents/idp-down-during-approval.yaml", SHA256)));
  }
}
