package dev.crashtest.fakes.proxy.internal;

import java.util.Locale;
import java.util.Optional;

/**
 * Which way data flows through a toxic: {@code upstream} is client to server, {@code downstream} server to client.
 *
 * <pre>{@code
 * Direction.parse("Upstream"); // Optional[UPSTREAM], case-insensitive as in Toxiproxy
 * }</pre>
 */
public enum Direction {
  UPSTREAM,
  DOWNSTREAM;

  public static Optional<Direction> parse(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "upstream" -> Optional.of(UPSTREAM);
      case "downstream" -> Optional.of(DOWNSTREAM);
      default -> Optional.empty();
    };
  }
}
