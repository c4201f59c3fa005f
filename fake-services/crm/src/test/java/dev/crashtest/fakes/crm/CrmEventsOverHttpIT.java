package dev.crashtest.fakes.crm;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.crashtest.fakes.HttpEventListener;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CRM whose events go over HTTP still publishes each one before its client hears back: the event of a committed
 * order reaches the receiver first, and the agent waits for as long as the receiver holds it.
 */
class CrmEventsOverHttpIT {
  @TempDir Path dataDir;
  private final AtomicInteger moments = new AtomicInteger();
  private final AtomicInteger eventArrived = new AtomicInteger();
  private final AtomicReference<String> orderEvent = new AtomicReference<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService sinkThreads = Executors.newCachedThreadPool();
  private HttpServer sink;
  private TestIdentity idp;
  private CrmServer crm;
  private CrmClient client;
  private String token;

  @BeforeEach
  void start() throws IOException {
    sink = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    sink.setExecutor(sinkThreads);
    sink.createContext("/events", exchange -> {
      try (exchange; InputStream in = exchange.getRequestBody()) {
        String event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (event.contains("\"operation\":\"place_order\"")) {
          eventArrived.set(moments.incrementAndGet());
          orderEvent.set(event);
          release.await(10, SECONDS);
        }
        exchange.sendResponseHeaders(204, -1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    sink.start();
    idp = TestIdentity.start();
    URI events = URI.create("http://127.0.0.1:" + sink.getAddress().getPort() + "/events");
    crm = CrmServer.builder().withIssuer(idp.issuer()).withJwksUri(idp.jwksUri()).withDataDirectory(dataDir)
        .withEventListener(HttpEventListener.to(events)).start();
    client = new CrmClient(crm.baseUrl());
    token = idp.token().sign();
  }

  @AfterEach
  void stop() {
    release.countDown();
    crm.close();
    idp.close();
    sink.stop(0);
    sinkThreads.shutdownNow();
  }

  @Test
  void the_order_event_reaches_the_receiver_before_the_agent_gets_its_answer() throws Exception {
    client.post("/quotes", token, "{\"accountId\":\"ACME-001\",\"sku\":\"LAPTOP-14\",\"quantity\":5}", "t/2/q");
    AtomicInteger answerArrived = new AtomicInteger();

    CompletableFuture<HttpResponse<String>> placing = client
        .postAsync("/orders", token, "{\"quoteId\":\"Q-0001\"}", "t/4/place_order")
        .whenComplete((answer, failure) -> answerArrived.set(moments.incrementAndGet()));

    await("the place_order event at the receiver").atMost(5, SECONDS).until(() -> orderEvent.get() != null);
    await("the agent to stay without an answer while the receiver holds the event")
        .during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !placing.isDone());
    release.countDown();
    assertThat(placing.get(5, SECONDS).statusCode()).as("status once the receiver answered").isEqualTo(201);
    assertThat(eventArrived.get()).as("moment the event arrived (1 = first)").isEqualTo(1);
    assertThat(answerArrived.get()).as("moment the agent got its answer").isEqualTo(2);
    assertThat(orderEvent.get()).as("event as received")
        .contains("\"service\":\"crm\"", "\"actor\":\"agent-7\"", "\"operation\":\"place_order\"",
            "\"outcome\":\"OK\"", "\"effectId\":\"O-0001\"");
  }
}
