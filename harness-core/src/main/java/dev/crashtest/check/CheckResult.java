package dev.crashtest.check;

import java.util.List;
import java.util.Objects;

/**
 * A checker's verdict, a message a human understands, and the ops that prove it.
 *
 * <pre>{@code
 * CheckResult result = Checks.exactlyOnceEffects().check(history);
 * if (result.verdict() == Verdict.FAIL) System.out.println(result.message() + " " + result.evidence());
 * }</pre>
 *
 * @param checker the checker's name, e.g. {@code exactly-once-effects}
 * @param verdict PASS, FAIL or UNKNOWN
 * @param message what was found, in one or two sentences
 * @param evidence the indexes of the ops that prove it
 */
public record CheckResult(String checker, Verdict verdict, String message, List<Long> evidence) {

  public CheckResult {
    Objects.requireNonNull(checker, "checker");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(message, "message");
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }

  static CheckResult pass(String checker, String message) {
    return new CheckResult(checker, Verdict.PASS, message, List.of());
  }

  static CheckResult fail(String checker, String message, List<Long> evidence) {
    return new CheckResult(checker, Verdict.FAIL, message, evidence);
  }

  static CheckResult unknown(String checker, String message) {
    return new CheckResult(checker, Verdict.UNKNOWN, message, List.of());
  }
}
