package dev.crashtest.fakes;

/**
 * A fault a fake service is applying to its own answers, until {@link #heal()} or until it has affected as
 * many requests as it was given. Every fake's {@code faults()} API hands these out.
 *
 * <pre>{@code
 * try (InjectedFault fault = model.faults().inject(ModelFault.rateLimited(Duration.ofSeconds(1)).forRequests(3))) {
 *   // the next three chat completions answer 429 with Retry-After: 1
 * }
 * }</pre>
 */
public interface InjectedFault extends AutoCloseable {

  /** An id unique within the service, e.g. {@code f-3}. */
  String id();

  /** How the fault reads to a human, e.g. {@code 429 with Retry-After 1 s, next 3 requests}. */
  String description();

  /** Whether it still affects requests: not healed, and requests left. */
  boolean active();

  /** How many requests it has affected so far. */
  int hits();

  /** Stops the fault; requests from now on are answered normally. Harmless twice. */
  void heal();

  @Override
  default void close() {
    heal();
  }
}
