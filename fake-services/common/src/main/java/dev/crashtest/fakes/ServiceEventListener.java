package dev.crashtest.fakes;

/**
 * Receives every {@link ServiceEvent} of a fake service, on the thread that served the request.
 *
 * <pre>{@code
 * CrmServer crm = CrmServer.builder().withEventListener(event -> history.add(event)).start();
 * }</pre>
 *
 * <p>A listener that throws does not break the service: the exception is reported on standard error.
 */
@FunctionalInterface
public interface ServiceEventListener {

  /** A listener that ignores every event. */
  ServiceEventListener NONE = event -> {};

  void onEvent(ServiceEvent event);
}
