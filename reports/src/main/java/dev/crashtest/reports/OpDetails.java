package dev.crashtest.reports;

import dev.crashtest.history.Op;
import java.util.stream.Collectors;

/** An op's details on one line, {@code key=value, key=value}, as the op table and the timeline's tooltips show them. */
final class OpDetails {
  private OpDetails() {}

  static String of(Op op) {
    return op.details().entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
        .collect(Collectors.joining(", "));
  }
}
