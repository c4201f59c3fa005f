package dev.crashtest.fakes.proxy;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class FaultProxyMainIT {

  @Test
  void bad_option_prints_one_line_and_exits_with_status_2() throws Exception {
    Process process = java("-prot", "8474").start();

    assertThat(process.waitFor(30, SECONDS)).as("process ended").isTrue();
    assertThat(process.exitValue()).as("exit status").isEqualTo(2);
    assertThat(lines(process.getErrorStream())).as("standard error")
        .containsExactly("proxy: unknown option [-prot]; known options: --port, --host, --seed");
  }

  @Test
  void port_in_use_prints_one_line_and_exits_with_status_1() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Process process = java("-port", String.valueOf(taken.getLocalPort())).start();

      assertThat(process.waitFor(30, SECONDS)).as("process ended").isTrue();
      assertThat(process.exitValue()).as("exit status").isEqualTo(1);
      assertThat(lines(process.getErrorStream())).as("standard error").containsExactly("proxy: cannot listen on "
          + "[127.0.0.1:" + taken.getLocalPort() + "]: Address already in use; is another Toxiproxy running? "
          + "Choose another port with -port N, or -port 0 for any free port");
    }
  }

  @Test
  void standalone_proxy_announces_its_url_and_answers_the_client() throws Exception {
    Process process = java("-host", "127.0.0.1", "-port", "0", "-seed", "42").start();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertThat(line).as("first line of standard output").matches("proxy listening on http://127\\.0\\.0\\.1:\\d+");

      URI url = URI.create(line.substring("proxy listening on ".length()));
      assertThat(new ToxiproxyClient(url.getHost(), url.getPort()).getProxies()).as("proxies").isEmpty();
    } finally {
      process.destroy();
      assertThat(process.waitFor(30, SECONDS)).as("process stopped").isTrue();
    }
  }

  private static ProcessBuilder java(String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), FaultProxyMain.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
  }

  private static List<String> lines(InputStream stream) throws IOException {
    return new String(stream.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
  }
}
