package dev.crashtest.scenariofile;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as a scenario file writes them: a whole number and a unit, {@code 800ms}, {@code 3s}, {@code 72h}. */
final class Durations {
  static final String UNITS = "us|ms|s|m|h|d";
  static final String PATTERN = "^[0-9]+(" + UNITS + ")$";
  static final String SIGNED_PATTERN = "^-?[0-9]+(" + UNITS + ")$";
  static final String JITTERED_PATTERN = "^[0-9]+(" + UNITS + ")( *(±|\\+-) *[0-9]+(" + UNITS + "))?$";
  static final String HINT = "write a whole number and a unit (us, ms, s, m, h, d), e.g. 800ms, 3s, 72h";

  private static final Pattern ONE = Pattern.compile("(-?)([0-9]+)(" + UNITS + ")");
  private static final Pattern JITTERED = Pattern.compile("([0-9]+(?:" + UNITS + ")) *(?:±|\\+-) *([0-9]+(?:" + UNITS
      + "))");

  private Durations() {}

  /** The duration {@code text} spells, or empty when it is not one. */
  static Optional<Duration> parse(String text) {
    Matcher m = ONE.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    long amount;
    try {
      amount = Long.parseLong(m.group(2));
    } catch (NumberFormatException tooLong) {
      return Optional.empty();
    }
    Duration d = switch (m.group(3)) {
      case "us" -> Duration.ofNanos(amount * 1000);
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
    return Optional.of(m.group(1).isEmpty() ? d : d.negated());
  }

  /** A delay and its jitter, {@code 800ms ± 200ms}; the jitter is zero when none is written. */
  static Optional<Duration[]> parseJittered(String text) {
    Matcher m = JITTERED.matcher(text.trim());
    if (m.matches()) {
      Optional<Duration> delay = parse(m.group(1));
      Optional<Duration> jitter = parse(m.group(2));
      return delay.isPresent() && jitter.isPresent()
          ? Optional.of(new Duration[] {delay.get(), jitter.get()}) : Optional.empty();
    }
    return parse(text).map(d -> new Duration[] {d, Duration.ZERO});
  }

  /** The shortest exact spelling: {@code 72h}, {@code 200ms}, {@code -30s}. */
  static String format(Duration duration) {
    String sign = duration.isNegative() ? "-" : "";
    Duration d = duration.abs();
    long nanos = d.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    // hours at most: 72h reads as the incident was told, 3d does not
    long[] sizes = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
    String[] units = {"h", "m", "s", "ms", "us"};
    for (int i = 0; i < sizes.length; i++) {
      if (nanos % sizes[i] == 0) {
        return sign + (nanos / sizes[i]) + units[i];
      }
    }
    throw new IllegalArgumentException("duration [" + duration + "] has a fraction of a microsecond, which a scenario"
        + " file cannot write");
  }

  /** A delay with its jitter, as latency writes it. */
  static String formatJittered(Duration delay, Duration jitter) {
    return jitter.isZero() ? format(delay) : format(delay) + " ± " + format(jitter);
  }
}
