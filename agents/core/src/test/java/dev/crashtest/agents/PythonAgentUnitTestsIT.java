package dev.crashtest.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Python reference agent's own unit tests ({@code agents/python/test_procurement_agent.py}, standard
 * library {@code unittest}) so that {@code mvn -B verify} runs them; their output is the failure message.
 */
class PythonAgentUnitTestsIT {
  private static final Path AGENT_DIR = Path.of("..", "python").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void python_agent_unit_tests_pass() throws IOException, InterruptedException {
    Path log = dir.resolve("unittest.log");
    ProcessBuilder builder = new ProcessBuilder("python3", "-m", "unittest", "-v", "test_procurement_agent")
        .directory(AGENT_DIR.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    // No __pycache__ left in the source tree.
    builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    Process process = builder.start();
    boolean finished = process.waitFor(2, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);

    assertThat(finished).as("python3 -m unittest finished within 2 minutes in [%s]; its output:%n%s", AGENT_DIR,
        output).isTrue();
    assertThat(process.exitValue()).as("exit status of python3 -m unittest in [%s]; its output:%n%s", AGENT_DIR,
        output).isZero();
    assertThat(output).as("unittest summary").containsPattern("Ran \\d+ tests").contains("\nOK");
  }
}
