package dev.crashtest.scenario;

/**
 * Derives each run's seed from the campaign seed and the run's identity, so a run is reproduced by the same
 * seed whether it runs alone or among others.
 */
public final class Seeds {
  private Seeds() {}

  /** A seed for the run of {@code scenario} against {@code agent} (SplitMix64 of the combined inputs). */
  public static long forRun(long seed, String scenario, String agent) {
    long z = seed ^ (31L * scenario.hashCode() + agent.hashCode()) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
