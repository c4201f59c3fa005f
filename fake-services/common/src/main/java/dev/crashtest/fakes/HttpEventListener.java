package dev.crashtest.fakes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Sends every {@link ServiceEvent} to a URL, one {@code POST} per event, and waits for the answer: since fakes call
 * listeners before they answer their client, the event reaches the receiver before the client hears back, as it
 * does for a listener in the same JVM. For fakes running in another process or a container.
 *
 * <pre>{@code
 * CrmServer.builder().withEventListener(HttpEventListener.to(URI.create("http://127.0.0.1:40100/events")))...
 * // or standalone: java ... CrmServerMain --events-url http://127.0.0.1:40100/events ...
 * }</pre>
 *
 * <p>The body is one JSON object, {@code Content-Type: application/json}:
 *
 * <pre>{@code
 * {"time":"2025-01-01T10:00:00.123Z","service":"crm","actor":"naive-agent","operation":"place_order",
 *  "outcome":"OK","details":{"orderId":"O-1"}}
 * }</pre>
 *
 * <p>Any 2xx answer counts as delivered. A receiver that answers otherwise, cannot be reached or takes longer than
 * {@link #TIMEOUT} loses the event: the fake goes on serving (a listener never fails a request) and prints one line
 * on standard error, at most once per {@link #WARNING_INTERVAL}.
 */
public final class HttpEventListener implements ServiceEventListener {
  /** How long one delivery may take, connecting included. */
  public static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** The shortest time between two warnings about lost events. */
  public static final Duration WARNING_INTERVAL = Duration.ofSeconds(10);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI uri;
  private final HttpClient http;
  private final PrintStream warnings;
  private final LongSupplier nanoTime;
  private final AtomicLong lost = new AtomicLong();
  private final AtomicLong lastWarning = new AtomicLong();
  private volatile boolean warnedOnce;

  HttpEventListener(URI uri, PrintStream warnings, LongSupplier nanoTime) {
    this.uri = requireHttp(uri);
    this.warnings = Objects.requireNonNull(warnings, "warnings");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
  }

  /**
   * A listener that posts each event to {@code uri}.
   *
   * @throws IllegalArgumentException if {@code uri} is not an absolute {@code http} or {@code https} URL
   */
  public static HttpEventListener to(URI uri) {
    return new HttpEventListener(uri, System.err, System::nanoTime);
  }

  /** Where events go. */
  public URI uri() {
    return uri;
  }

  @Override
  public void onEvent(ServiceEvent event) {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json(event))).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        lose(event, "it answered HTTP " + response.statusCode());
      }
    } catch (IOException e) {
      lose(event, "cannot deliver: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lose(event, "interrupted while delivering");
    }
  }

  /**
   * An event as {@link #json} wrote it, for whoever receives {@code --events-url} posts (the harness does).
   *
   * @throws IllegalArgumentException naming what is missing or malformed
   */
  @SuppressWarnings("unchecked")
  public static ServiceEvent parse(String json) {
    try {
      com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(json);
      for (String field : List.of("time", "service", "operation", "outcome")) {
        if (!node.hasNonNull(field)) {
          throw new IllegalArgumentException("event has no [" + field + "]: " + json);
        }
      }
      Map<String, Object> details = node.hasNonNull("details")
          ? JSON.convertValue(node.get("details"), Map.class) : Map.of();
      return new ServiceEvent(java.time.Instant.parse(node.get("time").asText()), node.get("service").asText(),
          node.hasNonNull("actor") ? node.get("actor").asText() : null, node.get("operation").asText(),
          ServiceEvent.Outcome.valueOf(node.get("outcome").asText()), details);
    } catch (JsonProcessingException | java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("not an event: " + e.getMessage(), e);
    }
  }

  /** The event as the receiver gets it; details are plain JSON values (anything else as its {@code toString()}). */
  static String json(ServiceEvent event) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("time", event.time().toString());
    body.put("service", event.service());
    body.put("actor", event.actor());
    body.put("operation", event.operation());
    body.put("outcome", event.outcome().name());
    body.put("details", plain(event.details()));
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write event [" + event.operation() + "] as JSON", e);
    }
  }

  private static Object plain(Object value) {
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, item) -> copy.put(String.valueOf(key), plain(item)));
      return copy;
    }
    if (value instanceof Collection<?> items) {
      List<Object> copy = new ArrayList<>();
      items.forEach(item -> copy.add(plain(item)));
      return copy;
    }
    return value instanceof Enum<?> constant ? constant.name() : value.toString();
  }

  private void lose(ServiceEvent event, String why) {
    long count = lost.incrementAndGet();
    long now = nanoTime.getAsLong();
    long last = lastWarning.get();
    boolean due = !warnedOnce || now - last >= WARNING_INTERVAL.toNanos();
    if (due && lastWarning.compareAndSet(last, now)) {
      warnedOnce = true;
      warnings.println(event.service() + ": event [" + event.operation() + "] not delivered to [" + uri + "]: "
          + why + "; " + count + (count == 1 ? " event" : " events") + " lost so far; the service goes on"
          + " (check that the receiver of --events-url is up and answers 2xx)");
    }
  }

  private static URI requireHttp(URI uri) {
    Objects.requireNonNull(uri, "uri");
    if (!uri.isAbsolute() || uri.getHost() == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException("events: [" + uri + "] is not an http(s) URL to post events to, e.g. "
          + "HttpEventListener.to(URI.create(\"http://127.0.0.1:40100/events\"))");
    }
    return uri;
  }

  @Override
  public String toString() {
    return "HttpEventListener[" + uri + "]";
  }
}
