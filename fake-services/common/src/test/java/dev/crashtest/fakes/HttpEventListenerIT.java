package dev.crashtest.fakes;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.crashtest.fakes.ServiceEvent.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link HttpEventListener} against a real receiver on a loopback socket. */
class HttpEventListenerIT {
  private static final ServiceEvent EVENT = new ServiceEvent(Instant.parse("2025-01-02T03:04:05Z"), "crm",
      "naive-agent", "place_order", Outcome.OK, Map.of("orderId", "O-1"));

  private final List<String> received = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(204);
  private final CountDownLatch answer = new CountDownLatch(1);
  private volatile boolean holdAnswers;
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final AtomicLong nanoTime = new AtomicLong(1_000);
  private final ExecutorService sinkThreads = Executors.newCachedThreadPool();
  private HttpServer sink;

  @BeforeEach
  void startSink() throws IOException {
    sink = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    sink.createContext("/events", exchange -> {
      try (exchange; InputStream in = exchange.getRequestBody()) {
        received.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (holdAnswers) {
          answer.await();
        }
        exchange.sendResponseHeaders(status.get(), -1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    sink.setExecutor(sinkThreads);
    sink.start();
  }

  @AfterEach
  void stopSink() {
    answer.countDown();
    sink.stop(0);
    sinkThreads.shutdownNow();
  }

  @Test
  void each_event_is_posted_as_json_to_the_url() {
    listener().onEvent(EVENT);

    assertThat(received).as("bodies received").containsExactly("{\"time\":\"2025-01-02T03:04:05Z\","
        + "\"service\":\"crm\",\"actor\":\"naive-agent\",\"operation\":\"place_order\",\"outcome\":\"OK\","
        + "\"details\":{\"orderId\":\"O-1\"}}");
    assertThat(contentTypes).as("content types").containsExactly("application/json");
    assertThat(stderr.toString(StandardCharsets.UTF_8)).as("standard error").isEmpty();
  }

  @Test
  void on_event_returns_only_once_the_receiver_has_answered() {
    holdAnswers = true;
    HttpEventListener listener = listener();

    CompletableFuture<Void> delivery = CompletableFuture.runAsync(() -> listener.onEvent(EVENT));
    await("the receiver to get the event").atMost(5, SECONDS).until(() -> received.size() == 1);
    boolean doneBeforeAnswer = delivery.isDone();
    answer.countDown();

    assertThat(doneBeforeAnswer).as("onEvent returned before the receiver answered").isFalse();
    await("onEvent to return after the answer").atMost(5, SECONDS).until(delivery::isDone);
  }

  @Test
  void a_refusing_receiver_is_reported_once_per_interval_and_never_fails_the_caller() {
    status.set(500);
    HttpEventListener listener = listener();

    listener.onEvent(EVENT);
    listener.onEvent(EVENT);
    nanoTime.addAndGet(HttpEventListener.WARNING_INTERVAL.toNanos());
    listener.onEvent(EVENT);

    assertThat(received).as("events the receiver got").hasSize(3);
    assertThat(stderr.toString(StandardCharsets.UTF_8).lines()).as("standard error").containsExactly(
        "crm: event [place_order] not delivered to [" + sinkUrl() + "]: it answered HTTP 500; 1 event lost so far;"
            + " the service goes on (check that the receiver of --events-url is up and answers 2xx)",
        "crm: event [place_order] not delivered to [" + sinkUrl() + "]: it answered HTTP 500; 3 events lost so far;"
            + " the service goes on (check that the receiver of --events-url is up and answers 2xx)");
  }

  @Test
  void an_unreachable_receiver_is_reported_and_the_caller_goes_on() {
    URI nowhere = sinkUrl();
    sink.stop(0);

    new HttpEventListener(nowhere, new PrintStream(stderr, true, StandardCharsets.UTF_8), nanoTime::get)
        .onEvent(EVENT);

    assertThat(stderr.toString(StandardCharsets.UTF_8)).as("standard error")
        .startsWith("crm: event [place_order] not delivered to [" + nowhere + "]: cannot deliver: ")
        .endsWith("; 1 event lost so far; the service goes on (check that the receiver of --events-url is up and"
            + " answers 2xx)" + System.lineSeparator());
  }

  private HttpEventListener listener() {
    return new HttpEventListener(sinkUrl(), new PrintStream(stderr, true, StandardCharsets.UTF_8), nanoTime::get);
  }

  private URI sinkUrl() {
    return URI.create("http://127.0.0.1:" + sink.getAddress().getPort() + "/events");
  }
}
