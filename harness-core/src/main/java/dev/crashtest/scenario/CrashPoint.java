package dev.crashtest.scenario;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A durable boundary of a run: the {@code occurrence}-th answer of {@code service} to {@code operation}, the
 * moment "the service did it, the agent has not heard". Found by {@link CrashPoints#of} in a clean run's history.
 *
 * <pre>{@code
 * CrashPoint point = CrashPoint.parse("crm:place_order#1").orElseThrow();
 * point.trigger();   // Triggers.nthCall("crm", "place_order", 1)
 * point.label();     // crm:place_order#1
 * }</pre>
 *
 * @param service {@code model} or {@code crm}
 * @param operation e.g. {@code chat_completion}, {@code place_order}
 * @param occurrence 1 for the first such answer of the run, 2 for the second, ...
 * @param step what the call was for, for humans: the tools the model asked for, or empty
 */
public record CrashPoint(String service, String operation, int occurrence, String step) {
  private static final Pattern LABEL = Pattern.compile("([a-z][a-z0-9_-]*):([a-z][a-z0-9_]*)#([1-9][0-9]{0,3})");

  public CrashPoint {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(operation, "operation");
    if (occurrence < 1) {
      throw new IllegalArgumentException("a crash point's occurrence counts from 1, got [" + occurrence + "]");
    }
    step = step == null ? "" : step;
  }

  /** Reads a label such as {@code crm:place_order#1}; empty when it is not one. */
  public static Optional<CrashPoint> parse(String label) {
    Matcher matcher = LABEL.matcher(label == null ? "" : label);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(new CrashPoint(matcher.group(1), matcher.group(2), Integer.parseInt(matcher.group(3)), ""));
  }

  /** {@code service:operation#occurrence}, e.g. {@code model:chat_completion#3}. */
  public String label() {
    return service + ":" + operation + "#" + occurrence;
  }

  /** Fires right after the service gave this answer, before the agent received it. */
  public Trigger trigger() {
    return Triggers.nthCall(service, operation, occurrence);
  }

  @Override
  public String toString() {
    return step.isEmpty() ? label() : label() + " (" + step + ")";
  }
}
