package dev.crashtest.fakes.crm;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrmServerMainIT {
  @TempDir Path dataDir;

  @Test
  void bad_option_prints_one_line_and_exits_with_status_2() throws Exception {
    Process process = java("--prot", "8080").start();

    assertThat(process.waitFor(30, SECONDS)).as("process ended").isTrue();
    assertThat(process.exitValue()).as("exit status").isEqualTo(2);
    assertThat(lines(process.getErrorStream())).as("standard error").containsExactly(
        "crm: unknown option [--prot]; known options: --port, --host, --issuer, --jwks-uri, --data-dir,"
            + " --introspection-uri, --events-url");
  }

  @Test
  void standalone_crm_announces_its_url() throws Exception {
    try (TestIdentity idp = TestIdentity.start()) {
      Process process = java("--port", "0", "--issuer", idp.issuer().toString(), "--jwks-uri",
          idp.jwksUri().toString(), "--data-dir", dataDir.toString()).start();
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        assertThat(out.readLine()).as("first line of standard output")
            .matches("crm listening on http://127\\.0\\.0\\.1:\\d+");
      } finally {
        process.destroy();
        assertThat(process.waitFor(30, SECONDS)).as("process stopped").isTrue();
      }
    }
  }

  private static ProcessBuilder java(String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), CrmServerMain.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
  }

  private static List<String> lines(java.io.InputStream stream) throws IOException {
    return new String(stream.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
  }
}
