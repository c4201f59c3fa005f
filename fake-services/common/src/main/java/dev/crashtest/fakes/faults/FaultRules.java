package dev.crashtest.fakes.faults;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The checks and wording every fake's fault value class shares, so a status, a delay or a request limit is refused
 * with the same one-line message whichever fake it is given to, and every fault type has its snake_case wire name.
 *
 * <pre>{@code
 * int status = FaultRules.serverErrorStatus("crm", 418);
 * // IllegalArgumentException: crm: fault [status] 418 is not one of 500, 502, 503, 504
 * FaultRules.wireName(CrmFault.Type.COMMIT_THEN_DROP);   // "commit_then_drop"
 * }</pre>
 */
public final class FaultRules {

  /** The statuses a server-error fault may answer. */
  public static final List<Integer> SERVER_ERROR_STATUSES = List.of(500, 502, 503, 504);

  private FaultRules() {}

  /** {@code status} if it is one of {@link #SERVER_ERROR_STATUSES}; {@code service} names the fake in the message. */
  public static int serverErrorStatus(String service, int status) {
    if (!SERVER_ERROR_STATUSES.contains(status)) {
      throw new IllegalArgumentException(service + ": fault [status] " + status + " is not one of "
          + SERVER_ERROR_STATUSES.stream().map(String::valueOf).collect(Collectors.joining(", ")));
    }
    return status;
  }

  /** {@code delay} if it is positive. */
  public static Duration positiveDelay(String service, Duration delay) {
    if (delay == null || delay.isNegative() || delay.isZero()) {
      throw new IllegalArgumentException(service + ": fault [delay] " + delay + " must be positive, e.g. PT2S");
    }
    return delay;
  }

  /** {@code n} if a fault may be limited to that many requests (at least 1). */
  public static int requestLimit(String service, int n) {
    if (n < 1) {
      throw new IllegalArgumentException(service + ": fault [forRequests] " + n + " must be at least 1");
    }
    return n;
  }

  /** {@code delay} in whole milliseconds, as a fault API carries it; refuses a fraction of a millisecond. */
  public static long wireMillis(String service, Duration delay) {
    if (delay.toNanos() % 1_000_000 != 0) {
      throw new IllegalArgumentException(service + ": fault [delay] " + delay + " has a fraction of a millisecond,"
          + " which the fault API cannot carry; use whole milliseconds, e.g. Duration.ofMillis(" + delay.toMillis()
          + ")");
    }
    return delay.toMillis();
  }

  /** How long a fault lasts, in words: {@code , until healed} for limit 0, else {@code , next 2 requests}. */
  public static String lasting(int requestLimit) {
    return requestLimit == 0 ? ", until healed"
        : ", next " + requestLimit + (requestLimit == 1 ? " request" : " requests");
  }

  /** The snake_case name events, audit records and admin APIs give a fault type: {@code SLOW} is {@code slow}. */
  public static String wireName(Enum<?> type) {
    return type.name().toLowerCase(Locale.ROOT);
  }

  /** The wire names of {@code types}, comma-separated, for a message listing the known ones. */
  public static String wireNames(Enum<?>[] types) {
    return Arrays.stream(types).map(FaultRules::wireName).collect(Collectors.joining(", "));
  }
}
