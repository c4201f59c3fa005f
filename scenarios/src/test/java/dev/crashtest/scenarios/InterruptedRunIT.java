package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C in the middle of a run leaves nothing behind: no agent process, no temporary environment. */
class InterruptedRunIT {
  @TempDir Path out;

  @Test
  void sigint_mid_run_stops_the_agent_and_removes_the_environment() throws Exception {
    Path tmp = Files.createDirectories(out.resolve("tmp"));
    Path console = out.resolve("console.txt");
    Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), CrashtestCli.class.getName(),
        "run", "--scenario", "happy-path", "--seed", "3", "--out", out.resolve("report").toString())
        .redirectErrorStream(true).redirectOutput(console.toFile()).start();
    try {
      await("the agent started").atMost(Duration.ofSeconds(60))
          .until(() -> Files.readString(console).contains("agent started"));
      assertThat(temporaryEnvironments(tmp)).as("the run's environment in its own temporary directory").hasSize(1);
      List<ProcessHandle> children = cli.descendants().collect(Collectors.toList());
      assertThat(children).as("the agent runs as a child process").isNotEmpty();

      new ProcessBuilder("kill", "-INT", String.valueOf(cli.pid())).start().waitFor();

      await("the command line exits").atMost(Duration.ofSeconds(30)).until(() -> !cli.isAlive());
      await("every agent process is gone").atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(children).noneMatch(ProcessHandle::isAlive));
      assertThat(temporaryEnvironments(tmp)).as("temporary environments left").isEmpty();
    } finally {
      cli.descendants().forEach(ProcessHandle::destroyForcibly);
      cli.destroyForcibly();
    }
  }

  private static Set<String> temporaryEnvironments(Path tmp) throws Exception {
    try (Stream<Path> files = Files.list(tmp)) {
      return files.map(Path::getFileName).map(Path::toString).filter(name -> name.startsWith("crashtest-env-"))
          .collect(Collectors.toSet());
    }
  }
}
