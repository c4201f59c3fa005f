package dev.crashtest.fakes.identity.internal;

import dev.crashtest.fakes.ServiceEvent;
import dev.crashtest.fakes.ServiceEventListener;
import dev.crashtest.fakes.identity.IdentityEvents;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Hands {@link ServiceEvent}s of service {@value IdentityEvents#SERVICE} to the listener, on the calling thread. A
 * listener that throws is reported on standard error and does not break the request.
 */
public final class EventPublisher {
  private final ServiceEventListener listener;
  private final Clock clock;

  public EventPublisher(ServiceEventListener listener, Clock clock) {
    this.listener = Objects.requireNonNull(listener, "listener");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Publishes one event; details with a null value are left out. */
  public void publish(String actor, String operation, ServiceEvent.Outcome outcome, Map<String, Object> details) {
    Map<String, Object> present = new LinkedHashMap<>();
    details.forEach(
        (key, value) -> {
          if (value != null) {
            present.put(key, value);
          }
        });
    ServiceEvent event =
        new ServiceEvent(clock.instant(), IdentityEvents.SERVICE, actor, operation, outcome, present);
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      System.err.println(
          "identity: the event listener threw on [" + operation + "] by [" + event.actor() + "]: " + e);
      e.printStackTrace();
    }
  }
}
