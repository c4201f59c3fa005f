package dev.crashtest.fakes;

import java.net.URI;

/**
 * A running fake service: a real server on a real socket, stopped by {@link #close()}.
 *
 * <pre>{@code
 * try (FakeService crm = CrmServer.builder().start()) {
 *   HttpClient.newHttpClient().send(HttpRequest.newBuilder(crm.baseUrl().resolve("/accounts/ACME-001")).build(), ...);
 * }
 * }</pre>
 */
public interface FakeService extends AutoCloseable {

  /** The URL a client calls, always on {@code 127.0.0.1}, without a trailing slash. */
  URI baseUrl();

  /** The TCP port the service listens on. */
  default int port() {
    return baseUrl().getPort();
  }

  /** Stops the server and frees its port. Calling it twice is harmless. */
  @Override
  void close();
}
