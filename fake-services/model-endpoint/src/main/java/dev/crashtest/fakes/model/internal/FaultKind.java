package dev.crashtest.fakes.model.internal;

import java.util.Map;

/**
 * What one model fault does to an answer: the closed set behind {@code ModelFault}. Each kind is one record
 * with its admin API {@link FaultType}; {@link FaultTypes} lists them.
 *
 * <pre>{@code
 * FaultKind kind = new RateLimitedFault(Duration.ofSeconds(2));
 * if (kind.apply(answer)) { ... the answer is now a 429 ... }
 * }</pre>
 */
public sealed interface FaultKind permits RateLimitedFault, ServerErrorFault, OverloadedFault, DelayFault,
    MalformedJsonFault, StreamCutFault, SlowStreamFault, ContextLengthFault, WrongToolArgumentsFault {

  /** The stable snake_case name: the admin API's {@code type} and the event's {@code fault} detail. */
  String name();

  /** How it reads to a human, e.g. {@code 429 rate_limit_exceeded with Retry-After 2 s}. */
  String describe();

  /**
   * Its own fields as the admin API takes them, e.g. {@code {"retryAfterSeconds": 2}}: what its {@link FaultType}
   * parses back into an equal kind. Empty for a kind without parameters.
   */
  Map<String, Object> wireFields();

  /**
   * Changes the script's answer into what this fault makes the client see, and returns true; or leaves it
   * alone and returns false if this request is not one the fault affects (it then does not count as a hit).
   */
  boolean apply(ChatAnswer answer);
}
