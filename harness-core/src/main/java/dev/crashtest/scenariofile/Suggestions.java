package dev.crashtest.scenariofile;

import dev.crashtest.internal.DidYouMean;
import java.util.Collection;

/** The "unknown … (did you mean …?)" line of a name the reader does not know. */
final class Suggestions {
  private Suggestions() {}

  /** {@code unknown fault [kil-agent]; known: a, b (did you mean kill-agent?)}, the known names listed. */
  static String unknown(String what, String typed, Collection<String> known) {
    return "unknown " + what + " [" + typed + "]; known: " + String.join(", ", known) + DidYouMean.hint(typed, known);
  }
}
