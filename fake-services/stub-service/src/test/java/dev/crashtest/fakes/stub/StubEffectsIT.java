package dev.crashtest.fakes.stub;

import static dev.crashtest.fakes.stub.StubClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.fakes.ServiceEvent;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A declared effect is recorded from the request and the stub's answer, after it is stored, before it is answered. */
class StubEffectsIT extends RunningStubsIT {
  private final AtomicReference<CompletableFuture<HttpResponse<String>>> pending = new AtomicReference<>();
  private final AtomicReference<String> seenAtTheEvent = new AtomicReference<>();
  private volatile boolean ordering;

  @Test
  void a_refund_above_the_threshold_is_an_effect_that_needs_approval() {
    HttpResponse<String> response = client.post("/refunds/refunds", refundsToken, REFUND, "t/2/create_refund");

    ServiceEvent event = events.get(0);
    assertThat(event.service()).as("service").isEqualTo("refunds");
    assertThat(event.operation()).as("operation").isEqualTo("create_refund");
    assertThat(event.details()).as("details").containsEntry("effectType", "refund")
        .containsEntry("effectId", json(response).path("refundId").asText()).containsEntry("effectKey", "ORD-1001")
        .containsEntry("needsApproval", true).containsEntry("idempotencyKey", "t/2/create_refund")
        .containsEntry("path", "/refunds").containsEntry("status", 201);
  }

  @Test
  void a_refund_at_or_below_the_threshold_needs_no_approval() {
    client.post("/refunds/refunds", refundsToken, "{\"orderId\":\"ORD-1002\",\"amount\":100}", "t/2/create_refund");

    assertThat(events.get(0).details()).as("details").containsEntry("effectKey", "ORD-1002")
        .doesNotContainKey("needsApproval");
  }

  @Test
  void the_event_arrives_after_the_answer_is_stored_and_before_it_is_written() throws Exception {
    ordering = true;
    CompletableFuture<HttpResponse<String>> first =
        client.postAsync("/refunds/refunds", refundsToken, REFUND, "t/2/create_refund");
    pending.set(first);

    HttpResponse<String> response = first.get(10, TimeUnit.SECONDS);

    assertThat(seenAtTheEvent.get()).as("at the event: client answered? / the key already replays?")
        .isEqualTo("answered=false replayed=true");
    assertThat(response.statusCode()).as("status once the listener returned").isEqualTo(201);
  }

  @Override
  void onEvent(ServiceEvent event) {
    events.add(event);
    if (ordering && event.details().get("replayed") == Boolean.FALSE && seenAtTheEvent.get() == null) {
      while (pending.get() == null) {
        Thread.onSpinWait();
      }
      // another request with the same key, while the first one's answer is still unwritten
      HttpResponse<String> again = new StubClient(stubs.baseUrl())
          .post("/refunds/refunds", refundsToken, REFUND, "t/2/create_refund");
      seenAtTheEvent.set("answered=" + pending.get().isDone() + " replayed="
          + again.headers().firstValue("Idempotent-Replayed").orElse("false"));
    }
  }
}
