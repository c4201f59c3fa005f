package dev.crashtest.agents.temporal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A main class of this module run as a real process on the module's own class path ({@code target/classes} plus
 * {@code target/runtime-classpath.txt}, as the harness runs it), its output appended to a log file. {@link #close()}
 * kills it when it is still alive.
 *
 * <pre>{@code
 * try (JavaProcess platform = JavaProcess.start(TemporalPlatformMain.class.getName(), List.of("--port", "7233"), Map.of(), log)) {
 *   platform.log(); // "crashtest-platform ready"
 * }
 * }</pre>
 */
final class JavaProcess implements AutoCloseable {
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path logFile;
  private Process process;

  private JavaProcess(List<String> command, Map<String, String> environment, Path logFile) {
    this.command = command;
    this.environment = environment;
    this.logFile = logFile;
  }

  static JavaProcess start(String mainClass, List<String> args, Map<String, String> environment, Path logFile)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx256m", "-cp", classPath(), mainClass));
    command.addAll(args);
    JavaProcess process = new JavaProcess(List.copyOf(command), Map.copyOf(environment), logFile);
    process.launch();
    return process;
  }

  /** The module's runtime class path, as written at {@code prepare-package}. */
  static String classPath() throws IOException {
    Path written = Path.of("target", "runtime-classpath.txt");
    if (!Files.exists(written)) {
      throw new IllegalStateException("[" + written.toAbsolutePath() + "] is missing; run the process tests through"
          + " Maven's verify phase (for example: mvn -o -pl agents/temporal verify), which writes it first");
    }
    return Path.of("target", "classes").toAbsolutePath() + java.io.File.pathSeparator + Files.readString(written).strip();
  }

  private void launch() throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    builder.environment().keySet().removeIf(name -> name.startsWith("HARNESS_") || name.startsWith("CRASHTEST_"));
    builder.environment().putAll(environment);
    process = builder.start();
  }

  /** The same command again, same environment and log; the old process must be gone. */
  JavaProcess restart() throws IOException {
    if (process.isAlive()) {
      throw new IllegalStateException("pid " + process.pid() + " still runs; kill() it before restart()");
    }
    launch();
    return this;
  }

  /** SIGKILL, and waits until the process is gone. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Process process() {
    return process;
  }

  String log() {
    try {
      return Files.exists(logFile) ? Files.readString(logFile) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      kill();
    }
  }
}
