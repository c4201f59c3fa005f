package dev.crashtest.internal;

import java.util.Collection;
import java.util.Optional;

/**
 * The known name closest to a mistyped one, for the end of an "unknown ..." message: one rule for the command
 * line and the scenario-file reader. Not API: may change without notice.
 *
 * <pre>{@code
 * DidYouMean.hint("crash-after-place-ordr", Catalogue.names());   // " (did you mean crash-after-place-order?)"
 * DidYouMean.hint("xyz", Catalogue.names());                      // ""
 * }</pre>
 */
public final class DidYouMean {
  private DidYouMean() {}

  /** {@code " (did you mean NAME?)"} for the closest known name, or {@code ""} when none is close. */
  public static String hint(String typed, Collection<String> known) {
    return closest(typed, known).map(name -> " (did you mean " + name + "?)").orElse("");
  }

  /**
   * The known name a few edits away from {@code typed} (at most a quarter of its length, at least 2), or one that
   * contains it whole; the first of the closest when several are.
   */
  public static Optional<String> closest(String typed, Collection<String> known) {
    if (typed == null || typed.isBlank()) {
      return Optional.empty();
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int allowed = Math.max(2, typed.length() / 4);
    for (String name : known) {
      int distance = distance(typed, name);
      boolean close = distance <= allowed || typed.length() >= 4 && name.contains(typed);
      if (close && distance < bestDistance) {
        best = name;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Levenshtein's edit distance: insertions, deletions and substitutions. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
