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

  /**
   * The campaign seed of try {@code repeat} (from 0) of a campaign run with {@code --repeat}: try 0 keeps
   * {@code seed}, so a campaign of one try is unchanged; later tries get a seed of their own, which
   * {@code --seed} takes to reproduce that try alone.
   */
  public static long forRepeat(long seed, int repeat) {
    if (repeat < 0) {
      throw new IllegalArgumentException("repeat counts from 0, got [" + repeat + "]");
    }
    if (repeat == 0) {
      return seed;
    }
    long z = seed + repeat * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (z ^ (z >>> 31)) & Long.MAX_VALUE;
  }

  /**
   * Which try (from 0) of a campaign with {@code seed} and {@code tries} tries ran with {@code runSeed}: the inverse
   * of {@link #forRepeat}, so a run names its try wherever it ran, alone or in one shard of the campaign. Empty when
   * no try has that seed.
   */
  public static java.util.OptionalInt tryOf(long seed, int tries, long runSeed) {
    for (int r = 0; r < tries; r++) {
      if (forRepeat(seed, r) == runSeed) {
        return java.util.OptionalInt.of(r);
      }
    }
    return java.util.OptionalInt.empty();
  }
}
