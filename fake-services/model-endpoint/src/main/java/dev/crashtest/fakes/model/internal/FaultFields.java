package dev.crashtest.fakes.model.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** The fields of one admin API fault request, read with type checks that name the field when they fail. */
final class FaultFields {
  private final String type;
  private final JsonNode node;

  FaultFields(String type, JsonNode node) {
    this.type = type;
    this.node = node;
  }

  boolean has(String field) {
    JsonNode value = node.get(field);
    return value != null && !value.isNull();
  }

  /** A whole number. */
  long integer(String field) {
    JsonNode value = required(field);
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw invalid(field, value + " is not a whole number");
    }
    return value.asLong();
  }

  /** A whole number that fits an {@code int}. */
  int smallInteger(String field) {
    long value = integer(field);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw invalid(field, value + " is out of range");
    }
    return (int) value;
  }

  /** A number of seconds, fractions allowed. */
  Duration seconds(String field) {
    JsonNode value = required(field);
    if (!value.isNumber()) {
      throw invalid(field, value + " is not a number of seconds");
    }
    return Duration.ofMillis(Math.round(value.asDouble() * 1000));
  }

  /** A whole number of milliseconds. */
  Duration millis(String field) {
    return Duration.ofMillis(integer(field));
  }

  String text(String field) {
    JsonNode value = required(field);
    if (!value.isTextual()) {
      throw invalid(field, value + " is not a string");
    }
    return value.asText();
  }

  /**
   * Checks a duration field of this type: from 0 to {@code longest}.
   *
   * @throws InvalidFaultException naming the field and the range
   */
  static void requireWithin(String type, String field, Duration duration, Duration longest) {
    java.util.Objects.requireNonNull(duration, field);
    if (duration.isNegative() || duration.compareTo(longest) > 0) {
      throw new InvalidFaultException(type, field, duration.toMillis() + " is not between 0 and "
          + longest.toMillis() + " ms");
    }
  }

  /**
   * {@code duration} as the whole milliseconds a field of this type carries.
   *
   * @throws InvalidFaultException if it has a fraction of a millisecond, which no field can carry
   */
  static long wholeMillis(String type, String field, Duration duration) {
    if (duration.toNanos() % 1_000_000 != 0) {
      throw new InvalidFaultException(type, field, duration + " has a fraction of a millisecond, which the admin API"
          + " cannot carry; use whole milliseconds, e.g. Duration.ofMillis(" + duration.toMillis() + ")");
    }
    return duration.toMillis();
  }

  private JsonNode required(String field) {
    if (!has(field)) {
      throw invalid(field, "is missing");
    }
    return node.get(field);
  }

  InvalidFaultException invalid(String field, String problem) {
    return new InvalidFaultException(type, field, problem);
  }
}
