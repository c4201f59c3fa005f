package dev.crashtest.fakes.crm;

import static dev.crashtest.fakes.crm.CrmClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CrmIdempotencyIT extends RunningCrmIT {
  private static final String QUOTE = "{\"accountId\":\"ACME-001\",\"sku\":\"LAPTOP-14\",\"quantity\":5}";

  @Test
  void repeated_key_with_the_same_request_replays_the_first_answer_without_a_second_effect() {
    HttpResponse<String> first = client.post("/quotes", token, QUOTE, "task-1/2/create_quote");
    String sameJsonReordered = "{ \"quantity\": 5, \"sku\": \"LAPTOP-14\", \"accountId\": \"ACME-001\" }";

    HttpResponse<String> again = client.post("/quotes", idp.token().sign(), sameJsonReordered, "task-1/2/create_quote");

    assertThat(again.statusCode()).as("status of the replay").isEqualTo(first.statusCode()).isEqualTo(201);
    assertThat(again.body()).as("body of the replay").isEqualTo(first.body());
    assertThat(again.headers().firstValue("Idempotent-Replayed")).as("replay header").hasValue("true");
    assertThat(first.headers().firstValue("Idempotent-Replayed")).as("replay header of the first").isEmpty();
    assertThat(client.get("/quotes/Q-0002", token).statusCode()).as("status of a second quote").isEqualTo(404);
    assertThat(effects()).as("effects in the audit").containsExactly("quote Q-0001");
    assertThat(crm.audit().get(1).replayed()).as("second audit record is a replay").isTrue();
  }

  @Test
  void repeated_key_with_another_body_or_path_is_refused() {
    client.post("/quotes", token, QUOTE, "task-1/2/create_quote");

    HttpResponse<String> otherBody = client.post("/quotes", token, QUOTE.replace("5", "6"), "task-1/2/create_quote");
    HttpResponse<String> otherPath =
        client.post("/accounts/ACME-001/notes", token, "{\"text\":\"x\"}", "task-1/2/create_quote");

    assertThat(otherBody.statusCode()).as("status for another body").isEqualTo(422);
    assertThat(otherBody.body()).as("body for another body").isEqualTo("{\"error\":\"idempotency_key_reused\","
        + "\"message\":\"Idempotency-Key [task-1/2/create_quote] was already used for a different request "
        + "(method, path or body); use a new key for a new request\"}");
    assertThat(otherPath.statusCode()).as("status for another path").isEqualTo(422);
    assertThat(effects()).as("effects in the audit").containsExactly("quote Q-0001");
  }

  @Test
  void posts_without_a_key_are_applied_every_time() {
    client.post("/quotes", token, QUOTE, null);
    client.post("/orders", token, "{\"quoteId\":\"Q-0001\"}", null);
    client.post("/orders", token, "{\"quoteId\":\"Q-0001\"}", null);

    assertThat(effects()).as("effects in the audit").containsExactly("quote Q-0001", "order O-0001", "order O-0002");
  }

  @Test
  void every_write_operation_honours_the_key() {
    client.post("/quotes", token, QUOTE, "t/2/create_quote");
    HttpResponse<String> order = client.post("/orders", token, "{\"quoteId\":\"Q-0001\"}", "t/4/place_order");
    HttpResponse<String> orderAgain = client.post("/orders", token, "{\"quoteId\":\"Q-0001\"}", "t/4/place_order");
    client.post("/accounts/ACME-001/notes", token, "{\"text\":\"done\"}", "t/5/add_note");
    HttpResponse<String> noteAgain = client.post("/accounts/ACME-001/notes", token, "{\"text\":\"done\"}", "t/5/add_note");

    assertThat(orderAgain.body()).as("replayed order").isEqualTo(order.body());
    assertThat(json(noteAgain).get("noteId").asText()).as("replayed note id").isEqualTo("N-0001");
    assertThat(effects()).as("effects").containsExactly("quote Q-0001", "order O-0001", "note N-0001");
  }

  @Test
  void failed_request_is_not_stored_so_the_same_key_may_try_again() {
    HttpResponse<String> failed = client.post("/orders", token, "{\"quoteId\":\"Q-0001\"}", "t/4/place_order");
    client.post("/quotes", token, QUOTE, "t/2/create_quote");

    HttpResponse<String> retried = client.post("/orders", token, "{\"quoteId\":\"Q-0001\"}", "t/4/place_order");

    assertThat(failed.statusCode()).as("status before the quote exists").isEqualTo(404);
    assertThat(retried.statusCode()).as("status once it exists").isEqualTo(201);
    assertThat(retried.headers().firstValue("Idempotent-Replayed")).as("replay header").isEmpty();
  }

  @Test
  void concurrent_duplicates_with_one_key_apply_once() {
    List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 8)
        .mapToObj(i -> client.postAsync("/quotes", token, QUOTE, "race/2/create_quote"))
        .toList();

    List<HttpResponse<String>> responses = calls.stream().map(CompletableFuture::join).toList();

    assertThat(responses).as("answers").extracting(HttpResponse::statusCode).containsOnly(201);
    assertThat(responses).as("bodies").extracting(HttpResponse::body).containsOnly(responses.get(0).body());
    assertThat(responses).as("replayed answers")
        .filteredOn(r -> r.headers().firstValue("Idempotent-Replayed").isPresent()).hasSize(7);
    assertThat(effects()).as("effects").containsExactly("quote Q-0001");
  }

  private List<String> effects() {
    return crm.audit().stream().filter(r -> r.effect() != null)
        .map(r -> r.effect().type() + " " + r.effect().id()).toList();
  }
}
