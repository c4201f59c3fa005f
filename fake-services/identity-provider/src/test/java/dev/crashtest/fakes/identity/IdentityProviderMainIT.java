package dev.crashtest.fakes.identity;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Runs {@link IdentityProviderMain} as its own JVM, the way a supervisor does. */
class IdentityProviderMainIT {
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void killProcesses() {
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  void standalone_server_announces_its_url_and_accepts_the_configured_client() throws IOException {
    Process process = launch("--port", "0", "--client", "procurement-agent:s3cret", "--seed", "5");
    List<String> stdout = collect(process.getInputStream());

    await("the line 'identity listening on <url>'")
        .atMost(30, SECONDS)
        .until(() -> stdout.stream().anyMatch(line -> line.startsWith("identity listening on ")));

    URI baseUrl = URI.create(stdout.get(0).substring("identity listening on ".length()));
    assertThat(baseUrl.getHost()).as("host of the announced URL").isEqualTo("127.0.0.1");
    TokenClient client = new TokenClient(URI.create(baseUrl + "/crashtest/token"));
    assertThat(client.get(URI.create(baseUrl + "/crashtest/.well-known/openid-configuration")).json())
        .as("discovery document")
        .containsEntry("issuer", baseUrl + "/crashtest");
    assertThat(client.clientCredentials("procurement-agent", "s3cret", "crm.read").status())
        .as("status of client_credentials for the --client")
        .isEqualTo(200);
  }

  @Test
  void unknown_option_prints_one_line_and_exits_with_status_2() throws Exception {
    Process process = launch("--colour", "blue");
    List<String> stderr = collect(process.getErrorStream());

    await("the process to exit").atMost(30, SECONDS).until(() -> !process.isAlive());

    assertThat(process.exitValue()).as("exit status").isEqualTo(2);
    assertThat(stderr)
        .as("stderr")
        .containsExactly(
            "identity: unknown option [--colour]; known options: --port, --host, --client, --issuer-id, --seed,"
                + " --token-lifetime, --public-url, --events-url");
  }

  private Process launch(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(IdentityProviderMain.class.getName());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    processes.add(process);
    return process;
  }

  private static List<String> collect(InputStream stream) {
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
              } catch (IOException e) {
                lines.add("(stream closed: " + e + ")");
              }
            },
            "main-it-reader");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }
}
