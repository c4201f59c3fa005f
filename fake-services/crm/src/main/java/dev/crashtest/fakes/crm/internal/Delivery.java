package dev.crashtest.fakes.crm.internal;

import com.sun.net.httpserver.HttpExchange;
import dev.crashtest.fakes.crm.CrmFault;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes the CRM's answer: at once, {@code delay} late (on a timer, so a slow answer holds no request thread), or
 * not at all.
 *
 * <p>Dropping relies on the JDK server: {@link HttpExchange#close()} before {@code sendResponseHeaders} closes the
 * connection without writing a byte (the request body was read in full, so the close is a FIN, not a reset).
 * {@code CrmFaultsIT} proves what a client sees, so a JDK that changes this fails the build.
 */
final class Delivery {
  private final ScheduledExecutorService timer;

  Delivery(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  void deliver(HttpExchange exchange, Response response, CrmFault fault) throws IOException {
    CrmFault.Type type = fault == null ? null : fault.type();
    if (type == CrmFault.Type.COMMIT_THEN_DROP) {
      exchange.close();
      return;
    }
    if (type == CrmFault.Type.SLOW) {
      try {
        timer.schedule(() -> sendLate(exchange, response), fault.delay().toNanos(), TimeUnit.NANOSECONDS);
        return;
      } catch (RejectedExecutionException stopping) {
        exchange.close();
        return;
      }
    }
    try (exchange) {
      send(exchange, response);
    }
  }

  private static void sendLate(HttpExchange exchange, Response response) {
    try (exchange) {
      send(exchange, response);
    } catch (IOException e) {
      // The client may well have given up waiting: that is what a slow answer is for.
      System.err.println("crm: late answer to [" + exchange.getRequestMethod() + " "
          + exchange.getRequestURI().getPath() + "] not delivered: " + e.getMessage());
    }
  }

  /** Writes {@code response} now; an empty body is sent as no body at all (as a 204 needs). */
  static void send(HttpExchange exchange, Response response) throws IOException {
    byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
