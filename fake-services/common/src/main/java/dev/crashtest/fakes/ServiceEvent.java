package dev.crashtest.fakes;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something a fake service did: one request it served, one token it issued.
 *
 * <p>Fakes publish events to a {@link ServiceEventListener} <em>synchronously</em>, after the effect is
 * committed and before the response is written, so a listener may, for example, kill the caller at the exact
 * moment between "the CRM stored the order" and "the agent learned of it".
 *
 * <pre>{@code
 * new ServiceEvent(Instant.now(), "crm", "agent-1", "place_order", Outcome.OK, Map.of("orderId", "O-1"));
 * }</pre>
 *
 * @param time when the service finished the operation
 * @param service the service's name: {@code model}, {@code identity}, {@code crm}
 * @param actor who called: an agent's client id, or {@code anonymous}
 * @param operation what was done, e.g. {@code place_order}, {@code chat_completion}, {@code token_exchange}
 * @param outcome whether it succeeded
 * @param details everything else worth keeping, as JSON-friendly values
 */
public record ServiceEvent(
    Instant time, String service, String actor, String operation, Outcome outcome, Map<String, Object> details) {

  /** Whether the service completed the operation. */
  public enum Outcome {
    OK,
    FAIL
  }

  public ServiceEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(outcome, "outcome");
    actor = actor == null ? "anonymous" : actor;
    details = details == null ? Map.of() : Map.copyOf(details);
  }
}
