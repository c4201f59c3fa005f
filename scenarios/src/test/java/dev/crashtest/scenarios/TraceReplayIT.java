package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each example incident trace ({@code examples/traces/}) through the command line: imported, run against the naive
 * agent, which fails with the check that matches what the trace shows, and against Temporal, which keeps the task
 * through the same faults and passes; a broken trace is exit 2 with one line.
 */
class TraceReplayIT {
  static final Path TRACES = Path.of("..", "examples", "traces");

  @TempDir Path work;

  @ParameterizedTest(name = "{0}: naive fails {1}, temporal passes")
  @CsvSource({
      "model-429-storm, task-completed, lost",
      "worker-crash-between-tools, task-completed, lost",
      "duplicate-write-after-retry, no-work-redone, work redone after the agent restart",
      "token-expired-mid-run, task-completed, lost"})
  void an_imported_incident_fails_the_naive_agent_as_it_failed_in_production_and_passes_on_a_durable_runtime(
      String trace, String check, String why) throws Exception {
    Path replay = work.resolve("replay");
    Console imported = Console.capture(() -> CrashtestCli.execute("import-trace", TRACES.resolve(trace + ".json").toString(),
        "--out", replay.toString()));
    assertThat(imported.code()).as("import exit code; output:%n%s%s", imported.out(), imported.err()).isZero();
    assertThat(imported.out()).contains("Run it: ./crashtest run --workload " + replay + " --scenario-file "
        + replay.resolve("scenarios").resolve("incident.yaml") + " --agent naive");

    Path out = work.resolve("out");
    Console run = Console.capture(() -> CrashtestCli.execute("run", "--workload", replay.toString(), "--scenario-file",
        replay.resolve("scenarios").resolve("incident.yaml").toString(), "--agent", "naive,temporal", "--seed", "7",
        "--out", out.toString()));

    assertThat(run.code()).as("exit code (the naive agent fails); output:%n%s%s", run.out(), run.err()).isEqualTo(1);
    JsonNode runs = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("runs");
    JsonNode naive = runs.get(0);
    assertThat(naive.get("agent").asText()).isEqualTo("naive");
    assertThat(naive.get("verdict").asText()).as("naive: %s", naive.get("violations")).isEqualTo("FAIL");
    List<String> failed = new ArrayList<>();
    naive.get("violations").forEach(violation -> failed.add(violation.get("checker").asText()));
    assertThat(failed).as("checks the naive agent failed").containsExactly(check);
    assertThat(naive.get("violations").get(0).get("message").asText()).contains(why);
    String scenarioFile = Files.readString(replay.resolve("scenarios").resolve("incident.yaml"));
    assertThat(naive.get("faults")).as("faults of the naive run in report.json").isNotEmpty();
    for (JsonNode fault : naive.get("faults")) {
      String spanId = fault.get("source").get("spanId").asText();
      assertThat(scenarioFile).as("the span report.json names for %s", fault.get("fault"))
          .contains("span-id: \"" + spanId + "\"");
      assertThat(Files.readString(out.resolve("index.html"))).as("the span in index.html").contains(spanId);
    }
    JsonNode temporal = runs.get(1);
    assertThat(temporal.get("verdict").asText()).as("temporal: %s %s", temporal.get("violations"),
        temporal.get("error")).isEqualTo("PASS");
  }

  @org.junit.jupiter.api.Test
  void the_duplicate_order_the_trace_shows_is_what_an_agent_without_idempotency_keys_does_on_the_replay()
      throws Exception {
    Path replay = work.resolve("replay");
    assertThat(CrashtestCli.execute("import-trace", TRACES.resolve("duplicate-write-after-retry.json").toString(),
        "--out", replay.toString())).isZero();
    var bug = dev.crashtest.scenarios.zoo.BugZoo.named("no-idempotency-key").orElseThrow();
    String command = String.join(" ", dev.crashtest.scenarios.zoo.BugZoo.agent(bug, work.resolve("zoo")).command());

    Path out = work.resolve("out");
    Console run = Console.capture(() -> CrashtestCli.execute("run", "--workload", replay.toString(), "--scenario-file",
        replay.resolve("scenarios").resolve("incident.yaml").toString(), "--agent-cmd", command, "--agent", "python",
        "--seed", "7", "--out", out.toString()));

    JsonNode runs = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("runs");
    assertThat(runs.get(0).get("verdict").asText()).as("the broken agent, output:%n%s", run.out()).isEqualTo("FAIL");
    assertThat(runs.get(0).get("violations").get(0).get("checker").asText()).isEqualTo("exactly-once-effects");
    assertThat(runs.get(0).get("violations").get(0).get("message").asText()).contains("2 × place_order");
    assertThat(runs.get(1).get("verdict").asText()).as("the Python agent it patches: %s",
        runs.get(1).get("violations")).isEqualTo("PASS");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"bad-not-otlp", "bad-no-genai", "bad-truncated"})
  void a_broken_trace_is_a_usage_error_in_one_line_and_writes_nothing(String trace) {
    Path replay = work.resolve("replay-" + trace);
    Console imported = Console.capture(() -> CrashtestCli.execute("import-trace", TRACES.resolve(trace + ".json").toString(),
        "--out", replay.toString()));

    assertThat(imported.code()).as("exit code; output:%n%s%s", imported.out(), imported.err()).isEqualTo(2);
    assertThat(imported.err().strip()).as("one line").doesNotContain("\n").startsWith("crashtest import-trace: ")
        .contains(trace + ".json").doesNotContain("Exception");
    assertThat(replay).doesNotExist();
    assertThat(Files.exists(work)).isTrue();
  }
}
