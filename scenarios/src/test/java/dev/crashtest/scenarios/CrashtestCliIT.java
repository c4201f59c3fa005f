package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashtestCliIT {
  @TempDir Path out;

  @Test
  void run_exits_1_and_reports_the_caught_crash() throws Exception {
    Captured run = capture(() -> CrashtestCli.execute("run", "--scenario", "happy-path,crash-after-place-order",
        "--agent", "naive", "--seed", "42", "--out", out.toString()));

    assertThat(run.code).as("exit code; output:%n%s", run.out).isEqualTo(1);
    assertThat(run.out).contains("seed 42", "SCENARIO", "crash-after-place-order", "task-completed",
        "reproduce: ./crashtest run --scenario crash-after-place-order --agent naive --seed 42");
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertThat(report.get("seed").asLong()).isEqualTo(42L);
    assertThat(report.get("runs")).hasSize(2);
    assertThat(report.get("runs").get(0).get("verdict").asText()).as("happy path").isEqualTo("PASS");
    JsonNode crash = report.get("runs").get(1);
    assertThat(crash.get("verdict").asText()).isEqualTo("FAIL");
    assertThat(crash.get("violations").get(0).get("checker").asText()).isEqualTo("task-completed");
    assertThat(crash.get("metrics").get("kills").asInt()).isEqualTo(1);
    assertThat(Files.readAllLines(out.resolve(crash.get("history").asText()))).as("saved history").isNotEmpty();
  }

  @Test
  void unknown_scenario_is_a_usage_error_that_lists_the_known_ones() {
    Captured run = capture(() -> CrashtestCli.execute("run", "--scenario", "crash-everything", "--out", out.toString()));

    assertThat(run.code).isEqualTo(2);
    assertThat(run.err).contains("unknown scenario [crash-everything]; known scenarios: happy-path,"
        + " crash-before-create-quote, crash-after-place-order, crash-after-place-order-redelivered,"
        + " model-outage-mid-plan, model-429-storm, model-stream-cut, crm-commit-then-drop, crm-latency-spike,"
        + " idp-slow-token-exchange, model-context-overflow, approval-after-72h, approval-withheld, zombie-worker,"
        + " platform-restart, platform-partition, agent-network-disconnect, signing-key-rotation,"
        + " signing-key-rotation-no-grace, client-secret-rotation, token-expiry-mid-task, idp-outage-during-refresh,"
        + " delegation-revoked, scope-withdrawn, cross-agent-token, clock-skew");
    assertThat(out.resolve("report.json")).doesNotExist();
  }

  @Test
  void unknown_agent_is_a_usage_error_that_lists_the_known_ones() {
    Captured run = capture(() -> CrashtestCli.execute("run", "--agent", "autogen"));

    assertThat(run.code).isEqualTo(2);
    assertThat(run.err)
        .contains("unknown agent [autogen]; known agents: naive, naive-streaming, python, temporal, restate, dbos,"
            + " langgraph");
  }

  private record Captured(int code, String out, String err) {}

  private static synchronized Captured capture(java.util.function.IntSupplier command) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = command.getAsInt();
      return new Captured(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }
}
