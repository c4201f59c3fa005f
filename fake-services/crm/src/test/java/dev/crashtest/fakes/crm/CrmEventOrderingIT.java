package dev.crashtest.fakes.crm;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crashtest.fakes.ServiceEvent;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrmEventOrderingIT {
  @TempDir Path dataDir;
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicReference<String> orderSeenFromListener = new AtomicReference<>();
  private TestIdentity idp;
  private CrmServer crm;
  private CrmClient client;
  private String token;

  @BeforeEach
  void start() {
    idp = TestIdentity.start();
    crm = CrmServer.builder().withIssuer(idp.issuer()).withJwksUri(idp.jwksUri()).withDataDirectory(dataDir)
        .withEventListener(this::onEvent).start();
    client = new CrmClient(crm.baseUrl());
    token = idp.token().sign();
  }

  @AfterEach
  void stop() {
    release.countDown();
    crm.close();
    idp.close();
  }

  @Test
  void listener_runs_after_the_commit_and_before_the_caller_gets_the_answer() throws Exception {
    client.post("/quotes", token, "{\"accountId\":\"ACME-001\",\"sku\":\"LAPTOP-14\",\"quantity\":5}", "t/2/q");

    CompletableFuture<HttpResponse<String>> placing =
        client.postAsync("/orders", token, "{\"quoteId\":\"Q-0001\"}", "t/4/place_order");

    await("the listener to see place_order").atMost(5, SECONDS).until(() -> orderSeenFromListener.get() != null);
    assertThat(orderSeenFromListener.get()).as("order read by another client from inside the listener")
        .contains("\"orderId\":\"O-0001\"");
    await("the caller to stay without an answer while the listener holds")
        .during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !placing.isDone());
    release.countDown();
    assertThat(placing.get(5, SECONDS).statusCode()).as("status once the listener returned").isEqualTo(201);
  }

  @Test
  void a_listener_that_throws_does_not_break_the_answer() {
    HttpResponse<String> response = client.get("/accounts/GLOBEX-002", token);

    assertThat(response.statusCode()).as("status although the listener threw").isEqualTo(200);
  }

  private void onEvent(ServiceEvent event) {
    if (event.operation().equals("get_account")) {
      throw new IllegalStateException("listener failure on purpose");
    }
    if (event.operation().equals("place_order")) {
      orderSeenFromListener.set(client.get("/orders/O-0001", token).body());
      try {
        release.await(10, SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
