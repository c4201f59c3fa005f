package dev.crashtest.reports;

/**
 * pass^k as τ-bench reports it: the chance that {@code k} tries of the same task all succeed, estimated from
 * {@code n} tries of which {@code c} succeeded as C(c, k) / C(n, k). With exactly k tries it is 1 when every try
 * passed and 0 otherwise; averaged over scenarios it is the share of scenarios an agent passes every time.
 *
 * <pre>{@code
 * PassK.estimate(4, 3, 2);   // 0.5: of the 6 pairs among 4 tries, the 3 pairs of successes pass
 * }</pre>
 */
public final class PassK {
  private PassK() {}

  /** C(successes, k) / C(tries, k); needs 1 <= k <= tries and 0 <= successes <= tries. */
  public static double estimate(int tries, int successes, int k) {
    if (k < 1 || k > tries) {
      throw new IllegalArgumentException("pass^k needs 1 <= k <= tries, got k [" + k + "] for [" + tries + "] tries");
    }
    if (successes < 0 || successes > tries) {
      throw new IllegalArgumentException(
          "successes must be between 0 and the tries [" + tries + "], got [" + successes + "]");
    }
    double estimate = 1.0;
    for (int i = 0; i < k; i++) {
      estimate *= (double) (successes - i) / (tries - i);
    }
    return Math.max(0.0, estimate);
  }
}
