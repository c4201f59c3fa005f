package dev.crashtest.agent;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kills every agent process still running when the JVM exits (Ctrl-C, System.exit, a crashed harness):
 * child processes outlive their parent otherwise, holding ports and state directories.
 */
final class ProcessReaper {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::reapAll, "crashtest-process-reaper"));
  }

  private ProcessReaper() {}

  static void watch(Process process) {
    LIVE.add(process);
    process.onExit().thenAccept(LIVE::remove);
  }

  private static void reapAll() {
    for (Process process : LIVE) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
