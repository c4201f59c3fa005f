package dev.crashtest.scenariofile;

import java.util.Collection;
import java.util.Optional;

/** The "did you mean" of an unknown name: the closest known one, when it is close enough to be a typo. */
final class Suggestions {
  private Suggestions() {}

  static Optional<String> closest(String typed, Collection<String> known) {
    Optional<String> extended = known.stream().filter(k -> typed.length() >= 4 && k.startsWith(typed)).findFirst();
    if (extended.isPresent()) {
      return extended;
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = distance(typed.toLowerCase(), candidate.toLowerCase());
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    int allowed = Math.max(2, typed.length() / 3);
    return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** {@code unknown fault [kil-agent]; known: a, b (did you mean kill-agent?)}, the known names listed. */
  static String unknown(String what, String typed, Collection<String> known) {
    return "unknown " + what + " [" + typed + "]; known: " + String.join(", ", known)
        + closest(typed, known).map(s -> " (did you mean " + s + "?)").orElse("");
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
