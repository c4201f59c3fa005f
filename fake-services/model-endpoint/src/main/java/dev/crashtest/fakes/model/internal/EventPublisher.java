package dev.crashtest.fakes.model.internal;

import dev.crashtest.fakes.EventVocabulary;
import dev.crashtest.fakes.ServiceEvent;
import dev.crashtest.fakes.ServiceEvent.Outcome;
import dev.crashtest.fakes.ServiceEventListener;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Hands every event to every listener, in order, on the serving thread, before the response is written. A
 * listener that throws is reported on standard error and does not break the answer.
 */
final class EventPublisher {
  static final String SERVICE = EventVocabulary.MODEL;
  static final String ACTOR = "agent";

  private final List<ServiceEventListener> listeners;
  private final Clock clock;

  EventPublisher(List<ServiceEventListener> listeners, Clock clock) {
    this.listeners = List.copyOf(listeners);
    this.clock = clock;
  }

  void publish(String operation, Outcome outcome, Map<String, Object> details) {
    ServiceEvent event = new ServiceEvent(clock.instant(), SERVICE, ACTOR, operation, outcome, details);
    for (ServiceEventListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        System.err.println(SERVICE + ": event listener [" + listener + "] failed on [" + operation + "] "
            + details + ": " + e);
      }
    }
  }
}
