package dev.crashtest.fakes.proxy.internal;

import dev.crashtest.fakes.ServiceEvent;
import dev.crashtest.fakes.ServiceEventListener;
import java.time.Instant;
import java.util.Map;

/**
 * Hands one {@link ServiceEvent} per API mutation to the listener, synchronously, after the change took effect
 * and before the answer is written. A listener that throws is reported on standard error and ignored.
 *
 * <pre>{@code
 * events.publish("add_toxic", ServiceEvent.Outcome.OK, Map.of("proxy", "redis", "toxic", "latency_downstream"));
 * }</pre>
 */
final class EventPublisher {
  static final String SERVICE = "proxy";
  private final ServiceEventListener listener;

  EventPublisher(ServiceEventListener listener) {
    this.listener = listener;
  }

  void publish(String operation, ServiceEvent.Outcome outcome, Map<String, Object> details) {
    try {
      listener.onEvent(new ServiceEvent(Instant.now(), SERVICE, null, operation, outcome, details));
    } catch (RuntimeException e) {
      System.err.println("proxy: event listener failed on [" + operation + "]: " + e);
    }
  }
}
