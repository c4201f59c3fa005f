package dev.crashtest.fakes.mcp.internal;

import dev.crashtest.fakes.ServiceEvent;
import dev.crashtest.fakes.ServiceEventListener;
import dev.crashtest.fakes.auth.Caller;
import dev.crashtest.fakes.mcp.McpEvents;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Publishes the server's events, synchronously; a listener that throws is reported and the request goes on. */
final class Events {
  private final ServiceEventListener listener;

  Events(ServiceEventListener listener) {
    this.listener = listener;
  }

  /** {@code details} may hold nulls: they are left out. */
  void publish(Caller caller, String operation, boolean ok, Map<String, Object> details) {
    Map<String, Object> kept = new LinkedHashMap<>();
    details.forEach((key, value) -> {
      if (value != null) {
        kept.put(key, value);
      }
    });
    if (caller != null && caller.user() != null) {
      kept.putIfAbsent(McpEvents.USER, caller.user());
    }
    ServiceEvent event = new ServiceEvent(Instant.now(), McpEvents.SERVICE, caller == null ? null : caller.agent(),
        operation, ok ? ServiceEvent.Outcome.OK : ServiceEvent.Outcome.FAIL, kept);
    try {
      listener.onEvent(event);
    } catch (RuntimeException | AssertionError e) {
      System.err.println("mcp: event listener failed on [" + operation + "]: " + e);
    }
  }

  static Map<String, Object> details(Object... keysAndValues) {
    Map<String, Object> details = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      details.put((String) Objects.requireNonNull(keysAndValues[i]), keysAndValues[i + 1]);
    }
    return details;
  }
}
