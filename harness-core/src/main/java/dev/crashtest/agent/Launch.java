package dev.crashtest.agent;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How one agent (or platform) incarnation runs: an operating-system process, or a container. {@link AgentProcess}
 * talks to the agent and judges its health; this only starts, signals and stops what runs it.
 */
interface Launch {
  /** Starts a new incarnation; output appended to {@code logFile}. */
  void start(Path logFile);

  boolean isAlive();

  /** The exit code of the last incarnation, or -1 while it runs or when unknown. */
  int exitCode();

  /** The process id on this host (for a container: its main process, as the host sees it). */
  long pid();

  /** SIGKILL, and waits until it is gone. */
  void kill();

  /** SIGTERM; SIGKILL after {@code grace}. */
  void terminate(Duration grace);

  /** Freezes it, sockets left open (SIGSTOP, or the container's cgroup freezer). */
  void pause();

  void resume();

  /** Stops it for good and removes what it left behind (a container). Harmless twice. */
  void close();
}
