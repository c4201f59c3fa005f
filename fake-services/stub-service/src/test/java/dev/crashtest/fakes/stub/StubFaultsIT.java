package dev.crashtest.fakes.stub;

import static dev.crashtest.fakes.stub.StubClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.fakes.InjectedFault;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The CRM's faults, on a stub's operation, as a client sees them. */
class StubFaultsIT extends RunningStubsIT {

  @Test
  void server_error_refuses_before_the_stub_runs() {
    stubs.faults().inject(StubFault.serverError(503).on("create_refund").forRequests(1));

    HttpResponse<String> response = client.post("/refunds/refunds", refundsToken, REFUND, "t/2/create_refund");

    assertThat(response.statusCode()).as("status").isEqualTo(503);
    assertThat(response.body()).as("body").isEqualTo("{\"error\":\"server_error\",\"message\":\"service [refunds]"
        + " refused [create_refund] before changing anything (injected fault [f-1]: 503 server_error on"
        + " create_refund, next 1 request)\"}");
    assertThat(events.get(0).details()).as("details").containsEntry("fault", "server_error")
        .doesNotContainKey("effectType");
  }

  @Test
  void conflict_refuses_with_409_before_the_stub_runs() {
    stubs.faults().inject(StubFault.conflict().on("create_refund"));

    HttpResponse<String> response = client.post("/refunds/refunds", refundsToken, REFUND, "t/2/create_refund");

    assertThat(response.statusCode()).as("status").isEqualTo(409);
    assertThat(json(response).path("error").asText()).as("error").isEqualTo("conflict");
    assertThat(effects()).as("effects").isEmpty();
  }

  @Test
  void slow_commits_at_once_and_answers_late() {
    stubs.faults().inject(StubFault.slow(Duration.ofMillis(800)).on("create_refund"));
    long start = System.nanoTime();

    HttpResponse<String> response = client.post("/refunds/refunds", refundsToken, REFUND, "t/2/create_refund");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to answer").isGreaterThan(Duration.ofMillis(750));
    assertThat(response.statusCode()).as("status").isEqualTo(201);
    assertThat(effects()).as("effects").singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("fault", "slow"));
  }

  @Test
  void a_fault_on_another_operation_leaves_this_one_alone() {
    stubs.faults().inject(StubFault.serverError(500).on("create_refund"));

    assertThat(client.get("/orders/orders/ORD-1001", ordersToken).statusCode()).as("status of get_order")
        .isEqualTo(200);
  }

  @Test
  void commit_then_drop_then_a_retry_with_the_same_key_gives_one_effect() throws Exception {
    InjectedFault drop = stubs.faults().inject(StubFault.commitThenDropResponse().on("create_refund").forRequests(1));

    assertThatThrownBy(() -> client.postOnANewConnection("/refunds/refunds", refundsToken, REFUND,
        "t/2/create_refund")).as("what java.net.http sees").isInstanceOf(IOException.class)
        .hasMessage("HTTP/1.1 header parser received no bytes");
    HttpResponse<String> retried = client.post("/refunds/refunds", refundsToken, REFUND, "t/2/create_refund");

    assertThat(retried.statusCode()).as("status of the retry").isEqualTo(201);
    assertThat(retried.headers().firstValue("Idempotent-Replayed")).as("replay header").hasValue("true");
    assertThat(json(retried).path("refundId").asText()).as("refund id of the retry")
        .isEqualTo(effects().get(0).details().get("effectId"));
    assertThat(effects()).as("effects").singleElement().satisfies(e -> assertThat(e.details())
        .containsEntry("fault", "commit_then_drop").containsEntry("responseDropped", true));
    assertThat(drop.active()).as("fault after its one request").isFalse();
  }

  @Test
  void a_fault_on_an_operation_the_server_does_not_have_is_refused() {
    assertThatThrownBy(() -> stubs.faults().inject(StubFault.conflict().on("place_order")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stub-service: fault [operation] [place_order] is not an operation of this server; known"
            + " operations: get_order, create_refund");
  }

  @Test
  void a_fault_injected_over_the_admin_wire_is_applied_and_healed() {
    InjectedFault remote = StubAdminClient.at(stubs.baseUrl())
        .inject(StubFault.serverError(502).on("get_order").forRequests(2));

    assertThat(client.get("/orders/orders/ORD-1001", ordersToken).statusCode()).as("status under the fault")
        .isEqualTo(502);
    assertThat(remote.hits()).as("hits").isEqualTo(1);
    remote.heal();
    assertThat(client.get("/orders/orders/ORD-1001", ordersToken).statusCode()).as("status once healed")
        .isEqualTo(200);
  }
}
