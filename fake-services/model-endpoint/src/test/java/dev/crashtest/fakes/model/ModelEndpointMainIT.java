package dev.crashtest.fakes.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@link ModelEndpointMain} as its own process, as a supervisor would. */
class ModelEndpointMainIT {
  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopProcesses() throws InterruptedException {
    for (Process process : started) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private Process run(String... options) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ModelEndpointMain.class.getName()));
    command.addAll(List.of(options));
    Process process = new ProcessBuilder(command).redirectError(stderrFile(started.size()).toFile()).start();
    started.add(process);
    return process;
  }

  /** Standard error goes to a file: {@link Process#destroy()} closes the pipes before they can be read. */
  private Path stderrFile(int index) {
    return dir.resolve("stderr-" + index + ".txt");
  }

  private String stderr(Process process) throws IOException {
    return Files.readString(stderrFile(started.indexOf(process)));
  }

  private static String read(InputStream stream) throws IOException {
    return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
  }

  private static void assertExit(Process process, int code) throws InterruptedException {
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("process ended within 30 s").isTrue();
    assertThat(process.exitValue()).as("exit code").isEqualTo(code);
  }

  @Test
  void a_bad_option_prints_one_line_on_stderr_and_exits_with_2() throws Exception {
    Process process = run("--colour", "red");

    assertExit(process, 2);
    assertThat(stderr(process)).as("stderr")
        .isEqualTo("model: unknown option [--colour]; known options: --port, --host, --script, --api-key, --events-url"
            + System.lineSeparator());
    assertThat(read(process.getInputStream())).as("stdout").isEmpty();
  }

  @Test
  void a_bad_script_file_prints_one_line_naming_the_file_and_the_field_and_exits_with_2() throws Exception {
    Path script = Files.writeString(dir.resolve("bad.json"), "{\"rules\": [{\"when\": {\"turn\": 0}, \"then\": {}}]}");

    Process process = run("--script", script.toString());

    assertExit(process, 2);
    assertThat(stderr(process)).as("stderr").isEqualTo("model: script [" + script
        + "]: field [rules[0].when.turn] must be a whole number from 1 (turn = assistant messages + 1)"
        + System.lineSeparator());
  }

  @Test
  void it_announces_its_url_and_serves_with_the_given_key_and_script() throws Exception {
    Path script = Files.writeString(dir.resolve("hello.json"),
        "{\"name\": \"hello\", \"rules\": [{\"then\": {\"content\": \"Hello from ${goal}\"}}]}");
    Process process = run("--port", "0", "--api-key", "k", "--script", script.toString());
    BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));

    String line = CompletableFuture.supplyAsync(() -> {
      try {
        return stdout.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).get(30, TimeUnit.SECONDS);

    assertThat(line).as("announcement").matches("model listening on http://127\\.0\\.0\\.1:\\d+");
    URI v1 = URI.create(line.substring("model listening on ".length()) + "/v1");
    String answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(v1.resolve("v1/chat/completions"))
            .header("Authorization", "Bearer k")
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"model\": \"crashtest-hello\", \"messages\": [{\"role\": \"user\", \"content\": \"the test\"}]}"))
            .build(), BodyHandlers.ofString()).body();
    assertThat(answer).as("answer").contains("\"content\":\"Hello from the test\"");
    process.destroy();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
    assertThat(stderr(process)).as("stderr").doesNotContain("INFO");
  }
}
