package dev.crashtest.agents.dbos;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A main class of this module run as its own JVM on the class path the harness uses ({@code target/classes} plus
 * {@code target/runtime-classpath.txt}), its output in a log file. {@link #kill()} is {@code kill -9} of the whole
 * process tree; {@link #close()} kills it if still alive.
 *
 * <pre>{@code
 * try (JavaProcess platform = JavaProcess.start(PostgresPlatformMain.class, args, Map.of(), dir.resolve("pg.log"))) {
 *   platform.awaitOutput("crashtest-platform ready", Duration.ofSeconds(60));
 * }
 * }</pre>
 */
final class JavaProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private JavaProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static JavaProcess start(String mainClass, List<String> args, Map<String, String> env, Path log)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", runtimeClassPath(), mainClass));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().keySet().removeIf(name -> name.startsWith("HARNESS_") || name.startsWith("CRASHTEST_"));
    builder.environment().putAll(env);
    return new JavaProcess(builder.start(), log);
  }

  /** What the harness runs this module with: its classes plus the class path Maven wrote at prepare-package. */
  static String runtimeClassPath() throws IOException {
    Path written = Path.of("target", "runtime-classpath.txt");
    if (!Files.exists(written)) {
      throw new IllegalStateException("[" + written.toAbsolutePath() + "] is missing; it is written at "
          + "prepare-package, so run this test with: mvn -o -pl agents/dbos verify");
    }
    return Path.of("target", "classes").toAbsolutePath() + java.io.File.pathSeparator
        + Files.readString(written).strip();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  Process process() {
    return process;
  }

  /** Waits until the process printed {@code line} (a whole line). */
  void awaitOutput(String line, Duration atMost) {
    await("[" + line + "] in the output of " + process.info().commandLine().map(c -> c.substring(0,
        Math.min(c.length(), 80))).orElse("the process"))
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> {
          if (log().lines().anyMatch(line::equals)) {
            return true;
          }
          if (!process.isAlive()) {
            throw new AssertionError("the process exited with status " + process.exitValue() + " before printing ["
                + line + "]; its output:\n" + log());
          }
          return false;
        });
  }

  /** {@code kill -9} of the process and every descendant, and waits until the process is gone. */
  void kill() throws InterruptedException {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    process.destroyForcibly();
    tree.forEach(ProcessHandle::destroyForcibly);
    process.waitFor(10, TimeUnit.SECONDS);
  }

  int awaitExit(Duration atMost) throws InterruptedException {
    if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the process did not exit within " + atMost + "; its output:\n" + log());
    }
    return process.exitValue();
  }

  String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
