package dev.crashtest.scenarios;

import java.io.PrintStream;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) during a campaign, handled by the campaign instead of by a JVM shutdown: the first one asks the
 * run in progress to stop, so the campaign can close what it started and write the reports of the runs that
 * finished; a second one exits at once (exit 130), the shutdown hooks still removing processes, containers and
 * temporary directories.
 *
 * <pre>{@code
 * Interruption ctrlC = Interruption.onSigint(System.out);
 * while (!ctrlC.requested()) { ... }
 * }</pre>
 */
final class Interruption {
  /** The exit code of a process ended by SIGINT, as a shell reports it (128 + 2). */
  static final int EXIT_INTERRUPTED = 130;

  private final PrintStream console;
  private volatile boolean requested;

  private Interruption(PrintStream console) {
    this.console = console;
  }

  /** Handles SIGINT from now on; where signals cannot be handled (not a POSIX JVM), it is never requested. */
  static Interruption onSigint(PrintStream console) {
    Interruption interruption = new Interruption(console);
    try {
      Signal.handle(new Signal("INT"), signal -> interruption.sigint());
    } catch (IllegalArgumentException unsupported) {
      // no SIGINT here: the JVM's default handling stays
    }
    return interruption;
  }

  /** Never requested: for campaigns run from code. */
  static Interruption none() {
    return new Interruption(null);
  }

  boolean requested() {
    return requested;
  }

  private void sigint() {
    if (requested) {
      console.println("Interrupted again: exiting now; processes, containers and temporary directories are removed"
          + " on the way out");
      System.exit(EXIT_INTERRUPTED);
    }
    requested = true;
    console.println();
    console.println("Interrupted (Ctrl-C): stopping the run in progress, then writing the reports of the runs that"
        + " finished (Ctrl-C again to exit at once)");
  }
}
