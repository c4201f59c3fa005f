package dev.crashtest.agents.dbos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The postgres processes still running on a state directory, as {@code pgrep -f <dir>} lists them: after a test,
 * there must be none.
 *
 * <pre>{@code
 * assertThat(PostgresLeftovers.runningOn(stateDir)).isEmpty();
 * }</pre>
 */
final class PostgresLeftovers {

  private PostgresLeftovers() {}

  static List<String> runningOn(Path stateDir) throws IOException, InterruptedException {
    Process pgrep = new ProcessBuilder("pgrep", "-a", "-f", stateDir.resolve("pgdata").toString())
        .redirectErrorStream(true).start();
    String output = new String(pgrep.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!pgrep.waitFor(10, TimeUnit.SECONDS)) {
      pgrep.destroyForcibly();
      throw new AssertionError("pgrep did not finish within 10 s");
    }
    return output.lines().filter(line -> !line.isBlank()).toList();
  }
}
