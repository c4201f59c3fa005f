package dev.crashtest.agents.restate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evidence that the Restate server's traffic stays on this machine: the server runs in the {@link LoopbackJail}
 * under {@code strace}, and every IP destination of its {@code connect()}, {@code sendto()} and {@code sendmsg()} calls
 * is 127.0.0.1 or ::1, including its GitHub version check (a connect to port 443, refused on loopback).
 */
class LoopbackJailIT {
  /** An IP destination as strace prints it, in connect(), sendto() or sendmsg(). */
  private static final Pattern INET_ADDRESS =
      Pattern.compile("\\{sa_family=AF_INET6?, sin6?_port=htons\\((\\d+)\\),[^}]*?\"([0-9a-f:.]+)\"");

  @TempDir Path dir;

  @Test
  void every_connection_the_server_opens_including_its_version_check_stays_on_loopback() throws Exception {
    assumeOnPath("strace");
    assumeOnPath("unshare");
    Path binary = ServerBinary.locate(System.getenv());
    Path config = Files.writeString(dir.resolve("restate.toml"), ServerConfig.builder(dir)
        .ingressPort(freePort()).adminPort(freePort()).nodePort(freePort()).build().toToml());
    Path trace = dir.resolve("connect.trace");
    List<String> command = LoopbackJail.in(dir.resolve("jail")).wrap(List.of("strace", "-f", "-qq",
        "-e", "trace=connect,sendto,sendmsg", "-o", trace.toString(), binary.toString(), "--config-file", config.toString(),
        "--no-logo"));
    Process strace = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("server.log").toFile()).start();
    try {
      await("the server's version check to reach port 443").atMost(Duration.ofSeconds(30))
          .until(() -> connects(trace).stream().anyMatch(connect -> connect.port() == 443));
    } finally {
      // Killing strace alone would detach it and leave the server running: kill the server first.
      strace.descendants().forEach(ProcessHandle::destroyForcibly);
      strace.destroyForcibly().waitFor();
    }

    List<Connect> connects = connects(trace);
    System.out.println("IP destinations of restate-server in the loopback jail: " + connects);
    assertThat(connects).as("IP connects of restate-server, from %s", trace)
        .isNotEmpty()
        .allSatisfy(connect -> assertThat(connect.address()).as("destination of %s", connect)
            .isIn("127.0.0.1", "::1"));
    assertThat(connects).as("the version check, captured on loopback").contains(new Connect("127.0.0.1", 443));
  }

  record Connect(String address, int port) {}

  private static List<Connect> connects(Path trace) throws IOException {
    List<Connect> found = new ArrayList<>();
    if (!Files.exists(trace)) {
      return found;
    }
    for (String line : Files.readAllLines(trace)) {
      Matcher matcher = INET_ADDRESS.matcher(line);
      if (matcher.find()) {
        found.add(new Connect(matcher.group(2), Integer.parseInt(matcher.group(1))));
      } else if (line.contains("AF_INET")) {
        throw new AssertionError("an IP destination this test cannot read: [" + line + "]");
      }
    }
    return found;
  }

  private static void assumeOnPath(String command) {
    boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .anyMatch(directory -> Files.isExecutable(Path.of(directory, command)));
    if (!found) {
      String message = "\n\n*** SKIPPED: [" + command + "] is not on the PATH; install it (apt-get install -y "
          + (command.equals("strace") ? "strace" : "util-linux") + ") to capture the Restate server's traffic ***\n";
      System.err.println(message);
      Assumptions.abort(message);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
