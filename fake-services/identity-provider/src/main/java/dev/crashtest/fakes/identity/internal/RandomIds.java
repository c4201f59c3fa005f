package dev.crashtest.fakes.identity.internal;

import java.util.Base64;
import java.util.Random;

/** URL-safe random strings drawn from the one random source of a run, so a seeded run repeats its ids. */
final class RandomIds {
  private RandomIds() {}

  static String next(Random random, int bytes) {
    byte[] buffer = new byte[bytes];
    synchronized (random) {
      random.nextBytes(buffer);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
  }
}
