package dev.crashtest.agents;

/**
 * Makes {@code SIGTERM} a clean stop: exit status 0 after the shutdown hooks ran, instead of the JVM's 143.
 * Uses {@code sun.misc.Signal} (module {@code jdk.unsupported}); where that is missing, the JVM's default
 * still runs the shutdown hooks.
 */
final class Signals {

  private Signals() {}

  static void exitZeroOnTerm() {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> System.exit(0));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      System.err.println("procurement-agent: cannot handle SIGTERM (" + e.getMessage()
          + "); it will still stop, with exit status 143");
    }
  }
}
