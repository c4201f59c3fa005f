package dev.crashtest.fakes.stub;

import static dev.crashtest.fakes.stub.StubClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A write with an Idempotency-Key runs its stub once; a repeat gets the first answer, replayed. */
class StubIdempotencyIT extends RunningStubsIT {

  @Test
  void a_repeated_key_gets_the_first_answer_replayed_and_no_second_effect() {
    HttpResponse<String> first = client.post("/refunds/refunds", refundsToken, REFUND, "t/2/create_refund");
    HttpResponse<String> again = client.post("/refunds/refunds", refundsToken, REFUND, "t/2/create_refund");

    assertThat(first.statusCode()).as("status of %s", first.body()).isEqualTo(201);
    assertThat(again.statusCode()).as("status of the repeat").isEqualTo(201);
    assertThat(again.body()).as("body of the repeat").isEqualTo(first.body());
    assertThat(again.headers().firstValue("Idempotent-Replayed")).as("replay header").hasValue("true");
    assertThat(events).as("replayed flags").extracting(e -> e.details().get("replayed")).containsExactly(false, true);
    assertThat(effects()).as("effects").hasSize(1);
  }

  @Test
  void writes_without_a_key_run_the_stub_each_time() {
    String one = json(client.post("/refunds/refunds", refundsToken, REFUND, null)).path("refundId").asText();
    String two = json(client.post("/refunds/refunds", refundsToken, REFUND, null)).path("refundId").asText();

    assertThat(one).as("first refund id").startsWith("R-").isNotEqualTo(two);
    assertThat(effects()).as("effects").hasSize(2);
  }

  @Test
  void the_same_key_on_a_different_request_is_422() {
    client.post("/refunds/refunds", refundsToken, REFUND, "t/2/create_refund");

    HttpResponse<String> other = client.post("/refunds/refunds", refundsToken,
        "{\"orderId\":\"ORD-1002\",\"amount\":40}", "t/2/create_refund");

    assertThat(other.statusCode()).as("status").isEqualTo(422);
    assertThat(other.body()).as("body").isEqualTo("{\"error\":\"idempotency_key_reused\",\"message\":"
        + "\"Idempotency-Key [t/2/create_refund] was already used for a different request (method, path or body);"
        + " use a new key for a new request\"}");
  }

  @Test
  void a_stored_answer_survives_a_restart_on_the_same_data_directory() {
    HttpResponse<String> before = client.post("/refunds/refunds", refundsToken, REFUND, "t/2/create_refund");
    stubs.close();
    stubs = start(dataDir);

    HttpResponse<String> after = new StubClient(stubs.baseUrl())
        .post("/refunds/refunds", refundsToken, REFUND, "t/2/create_refund");

    assertThat(after.body()).as("answer after the restart").isEqualTo(before.body());
    assertThat(after.headers().firstValue("Idempotent-Replayed")).as("replay header").hasValue("true");
    assertThat(effects()).as("effects over both runs").hasSize(1);
  }
}
