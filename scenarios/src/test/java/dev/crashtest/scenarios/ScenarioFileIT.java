package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario file really run against the naive agent through the command line, next to a built-in scenario: the
 * naive agent loses the task when killed after the order, as the file pins, so the run passes the gate; the failure
 * reproduces from the file, and report.json ties the run to the file's path and digest.
 */
class ScenarioFileIT {
  @TempDir Path dir;

  @Test
  void a_pinned_failure_from_a_file_runs_with_a_built_in_scenario_and_is_tied_to_its_file() throws Exception {
    Path incidents = Files.createDirectory(dir.resolve("incidents"));
    Path file = Files.writeString(incidents.resolve("crash-after-order.yaml"), ScenarioFileCliTest.PINNED_CRASH);
    Path out = dir.resolve("out");

    Console run = Console.capture(() -> CrashtestCli.execute("run", "--scenario", "happy-path", "--scenario-file",
        incidents.toString(), "--agent", "naive", "--seed", "42", "--out", out.toString()));

    assertThat(run.code()).as("exit code; output:%n%s%s", run.out(), run.err()).isEqualTo(0);
    assertThat(run.out()).as("console")
        .contains("crash-after-order-pinned × naive: FAIL", "task-completed")
        .contains("  reproduce: ./crashtest run --scenario-file " + file + " --agent naive --seed 42")
        .contains("  reported only: crash-after-order-pinned × naive: expected FAIL (pinned in the scenario)");
    JsonNode runs = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("runs");
    assertThat(runs).as("runs").hasSize(2);
    assertThat(runs.get(0).get("scenario").asText()).as("the built-in one first").isEqualTo("happy-path");
    assertThat(runs.get(0).has("scenarioFile")).as("a built-in scenario names no file").isFalse();
    JsonNode fromFile = runs.get(1);
    assertThat(fromFile.get("verdict").asText()).as("verdict").isEqualTo("FAIL");
    assertThat(fromFile.get("scenarioFile").get("path").asText()).as("path as given").isEqualTo(file.toString());
    assertThat(fromFile.get("scenarioFile").get("sha256").asText()).as("sha256 of the file's bytes").isEqualTo(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
    assertThat(fromFile.get("reproduce").asText()).as("reproduce in report.json")
        .isEqualTo("./crashtest run --scenario-file " + file + " --agent naive --seed 42");
    assertThat(Files.readString(out.resolve("index.html"))).as("index.html")
        .contains("Scenario file: <code class=\"scenario-file\">" + file + "</code>");
  }
}
