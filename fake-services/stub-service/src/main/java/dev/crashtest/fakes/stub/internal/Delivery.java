package dev.crashtest.fakes.stub.internal;

import com.sun.net.httpserver.HttpExchange;
import dev.crashtest.fakes.stub.StubFault;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes the answer as the CRM's delivery does: at once, {@code delay} late (on a timer, holding no request thread),
 * or not at all ({@link HttpExchange#close()} before any header: the client reads no byte).
 */
final class Delivery {
  private final ScheduledExecutorService timer;

  Delivery(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  void deliver(HttpExchange exchange, StubAnswer answer, StubFault fault) throws IOException {
    StubFault.Type type = fault == null ? null : fault.type();
    if (type == StubFault.Type.COMMIT_THEN_DROP || answer.stubFault() != null) {
      exchange.close();
      return;
    }
    if (type == StubFault.Type.SLOW) {
      try {
        timer.schedule(() -> sendLate(exchange, answer), fault.delay().toNanos(), TimeUnit.NANOSECONDS);
        return;
      } catch (RejectedExecutionException stopping) {
        exchange.close();
        return;
      }
    }
    try (exchange) {
      send(exchange, answer);
    }
  }

  private static void sendLate(HttpExchange exchange, StubAnswer answer) {
    try (exchange) {
      send(exchange, answer);
    } catch (IOException e) {
      System.err.println("stub-service: late answer to [" + exchange.getRequestMethod() + " "
          + exchange.getRequestURI().getPath() + "] not delivered: " + e.getMessage());
    }
  }

  /** Writes {@code answer} now; an empty body is sent as no body at all. */
  static void send(HttpExchange exchange, StubAnswer answer) throws IOException {
    byte[] bytes = answer.body();
    answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    boolean noBody = bytes.length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
    exchange.sendResponseHeaders(answer.status(), noBody ? -1 : bytes.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
