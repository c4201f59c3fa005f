package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C stops a campaign cleanly: it says it was interrupted, writes report.json, junit.xml and index.html for
 * the runs that finished (report.json marked incomplete), leaves no agent process and no temporary environment,
 * and exits 130 — whether the signal comes in the middle of a run or while the next run's services start.
 */
class InterruptedRunIT {
  @TempDir Path out;

  private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();

  @Test
  void sigint_mid_run_stops_the_agent_removes_the_environment_and_writes_an_incomplete_report() throws Exception {
    Path tmp = Files.createDirectories(out.resolve("tmp"));
    Path console = out.resolve("console.txt");
    Process cli = start(tmp, console, "happy-path");
    try {
      await("the agent started").atMost(Duration.ofSeconds(60))
          .until(() -> watching(cli) && Files.readString(console).contains("agent started"));
      assertThat(temporaryEnvironments(tmp)).as("the run's environment in its own temporary directory").hasSize(1);
      assertThat(seen).as("the agent runs as a child process").isNotEmpty();

      interrupt(cli);

      await("the command line exits").atMost(Duration.ofSeconds(60)).until(() -> !watching(cli));
      assertThat(cli.exitValue()).as("exit code; console:%n%s", Files.readString(console)).isEqualTo(130);
      assertThat(Files.readString(console)).as("console")
          .contains("Interrupted (Ctrl-C): stopping the run in progress, then writing the reports of the runs that"
              + " finished (Ctrl-C again to exit at once)")
          .contains("→ stopped by Ctrl-C; left out of the reports")
          .contains("Interrupted: 0 of 1 run(s) finished; the reports cover those only (report.json says"
              + " \"incomplete\"). Exit 130")
          .doesNotContain("Exception");
      JsonNode report = reports();
      assertThat(report.get("runs")).as("runs in report.json").isEmpty();
      assertThat(report.get("incomplete").toString()).as("incomplete")
          .isEqualTo("{\"reason\":\"interrupted\",\"runsFinished\":0,\"runsPlanned\":1}");
      assertNothingLeft(tmp);
    } finally {
      destroy(cli);
    }
  }

  @Test
  void sigint_while_the_next_runs_services_start_keeps_the_finished_run_and_leaves_nothing_behind()
      throws Exception {
    Path tmp = Files.createDirectories(out.resolve("tmp"));
    Path console = out.resolve("console.txt");
    Process cli = start(tmp, console, "happy-path,crash-before-create-quote");
    try {
      await("the second run starts its services").atMost(Duration.ofSeconds(120))
          .until(() -> watching(cli) && Files.readString(console).contains("[2/2] crash-before-create-quote"));

      interrupt(cli);

      await("the command line exits").atMost(Duration.ofSeconds(60)).until(() -> !watching(cli));
      String printed = Files.readString(console);
      assertThat(cli.exitValue()).as("exit code; console:%n%s", printed).isEqualTo(130);
      assertThat(printed).as("console")
          .contains("Interrupted: 1 of 2 run(s) finished; the reports cover those only (report.json says"
              + " \"incomplete\"). Exit 130")
          .doesNotContain("Exception", "Shutdown in progress");
      JsonNode report = reports();
      assertThat(report.get("runs")).as("runs in report.json").hasSize(1);
      assertThat(report.get("runs").get(0).get("scenario").asText()).as("the finished run").isEqualTo("happy-path");
      assertThat(report.get("runs").get(0).get("verdict").asText()).as("its verdict").isEqualTo("PASS");
      assertThat(report.get("incomplete").toString()).as("incomplete")
          .isEqualTo("{\"reason\":\"interrupted\",\"runsFinished\":1,\"runsPlanned\":2}");
      assertThat(Files.readString(out.resolve("report/junit.xml"))).as("junit.xml").contains("happy-path")
          .doesNotContain("crash-before-create-quote");
      assertNothingLeft(tmp);
    } finally {
      destroy(cli);
    }
  }

  private Process start(Path tmp, Path console, String scenarios) throws Exception {
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), CrashtestCli.class.getName(),
        "run", "--scenario", scenarios, "--seed", "3", "--out", out.resolve("report").toString())
        .redirectErrorStream(true).redirectOutput(console.toFile()).start();
  }

  /** Whether the command line still runs; notes every process it started meanwhile. */
  private boolean watching(Process cli) {
    cli.descendants().forEach(seen::add);
    return cli.isAlive();
  }

  private static void interrupt(Process cli) throws Exception {
    new ProcessBuilder("kill", "-INT", String.valueOf(cli.pid())).start().waitFor();
  }

  private JsonNode reports() throws Exception {
    Path report = out.resolve("report");
    assertThat(report.resolve("junit.xml")).as("junit.xml").exists();
    assertThat(report.resolve("index.html")).as("index.html").exists();
    return new ObjectMapper().readTree(report.resolve("report.json").toFile());
  }

  private void assertNothingLeft(Path tmp) throws Exception {
    await("every process the command line started is gone").atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(seen).as("processes left").noneMatch(ProcessHandle::isAlive));
    assertThat(temporaryEnvironments(tmp)).as("temporary environments left").isEmpty();
  }

  private void destroy(Process cli) {
    cli.descendants().forEach(ProcessHandle::destroyForcibly);
    seen.forEach(ProcessHandle::destroyForcibly);
    cli.destroyForcibly();
  }

  private static Set<String> temporaryEnvironments(Path tmp) throws Exception {
    try (Stream<Path> files = Files.list(tmp)) {
      return files.map(Path::getFileName).map(Path::toString).filter(name -> name.startsWith("crashtest-env-"))
          .collect(Collectors.toSet());
    }
  }
}
