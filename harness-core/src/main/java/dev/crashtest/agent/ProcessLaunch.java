package dev.crashtest.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** An agent run as a child process of this JVM, signalled with real signals. */
final class ProcessLaunch implements Launch {
  private final String label;
  private final List<String> command;
  private final Map<String, String> environment;
  private volatile Process process;

  ProcessLaunch(String label, List<String> command, Map<String, String> environment) {
    this.label = label;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
  }

  @Override
  public void start(Path logFile) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      process = builder.start();
      ProcessReaper.watch(process);
    } catch (IOException e) {
      throw new AgentException(label + " could not be started with command " + command + ": " + e.getMessage()
          + "; check that the command exists and is executable", e);
    }
  }

  @Override
  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public int exitCode() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  @Override
  public long pid() {
    return process.pid();
  }

  @Override
  public void kill() {
    Process current = process;
    current.descendants().forEach(ProcessHandle::destroyForcibly);
    current.destroyForcibly();
    try {
      current.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void terminate(Duration grace) {
    Process current = process;
    current.destroy();
    try {
      if (!current.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }

  @Override
  public void pause() {
    signal("STOP");
  }

  @Override
  public void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new AgentException("could not send SIG" + name + " to " + label + " (pid " + process.pid() + ")");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentException("interrupted while signalling " + label, e);
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      terminate(Duration.ofSeconds(3));
    }
  }
}
