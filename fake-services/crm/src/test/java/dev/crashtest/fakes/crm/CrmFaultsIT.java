package dev.crashtest.fakes.crm;

import static dev.crashtest.fakes.crm.CrmClient.json;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.ServiceEvent;
import dev.crashtest.fakes.ServiceEvent.Outcome;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One test per fault, asserting what an HTTP client sees, then scoping, self-healing and healing. */
class CrmFaultsIT extends RunningCrmIT {
  static final String QUOTE = "{\"accountId\":\"ACME-001\",\"sku\":\"LAPTOP-14\",\"quantity\":2}";

  @Test
  void server_error_refuses_with_the_status_before_any_effect() {
    InjectedFault fault = crm.faults().inject(CrmFault.serverError(503));

    HttpResponse<String> response = client.post("/quotes", token, QUOTE, "t/1/create_quote");

    assertThat(response.statusCode()).as("status").isEqualTo(503);
    assertThat(response.body()).as("body").isEqualTo("{\"error\":\"server_error\",\"message\":\"the CRM refused"
        + " [create_quote] before changing anything (injected fault [f-1]: 503 server_error on every operation,"
        + " until healed)\"}");
    assertThat(effects()).as("effects").isEmpty();
    assertThat(fault.hits()).as("hits").isEqualTo(1);
    AuditRecord record = crm.audit().get(0);
    assertThat(record).as("audit record").extracting(AuditRecord::status, AuditRecord::error, AuditRecord::fault)
        .containsExactly(503, "server_error", "server_error");
    assertThat(events.get(0).outcome()).as("event outcome").isEqualTo(Outcome.FAIL);
    assertThat(events.get(0).details()).as("event details").containsEntry("fault", "server_error")
        .doesNotContainKey("responseDropped");
  }

  @Test
  void a_key_refused_by_a_server_error_may_be_used_again_once_healed() {
    InjectedFault fault = crm.faults().inject(CrmFault.serverError(500));
    client.post("/quotes", token, QUOTE, "t/1/create_quote");
    fault.heal();

    HttpResponse<String> retried = client.post("/quotes", token, QUOTE, "t/1/create_quote");

    assertThat(retried.statusCode()).as("status of the retry").isEqualTo(201);
    assertThat(retried.headers().firstValue("Idempotent-Replayed")).as("replay header").isEmpty();
    assertThat(effects()).as("effects").containsExactly("quote Q-0001");
  }

  @Test
  void conflict_refuses_with_409_before_any_effect() {
    crm.faults().inject(CrmFault.conflict());

    HttpResponse<String> response = client.post("/accounts/ACME-001/notes", token, "{\"text\":\"hi\"}", null);

    assertThat(response.statusCode()).as("status").isEqualTo(409);
    assertThat(json(response).get("error").asText()).as("error code").isEqualTo("conflict");
    assertThat(json(response).get("message").asText()).as("message")
        .startsWith("the CRM refused [add_note] before changing anything (injected fault [f-1]");
    assertThat(effects()).as("effects").isEmpty();
    assertThat(crm.audit().get(0).fault()).as("audit fault").isEqualTo("conflict");
    assertThat(events.get(0).details()).as("event details").containsEntry("fault", "conflict")
        .containsEntry("status", 409);
  }

  @Test
  void slow_commits_at_once_and_answers_after_the_delay() throws Exception {
    crm.faults().inject(CrmFault.slow(Duration.ofSeconds(2)).on("create_quote"));
    long started = System.nanoTime();

    CompletableFuture<HttpResponse<String>> answer = client.postAsync("/quotes", token, QUOTE, "t/1/create_quote");

    await("the quote to be committed").atMost(2, SECONDS).until(() -> !effects().isEmpty());
    assertThat(answer).as("answer while the quote is already committed").isNotDone();
    HttpResponse<String> response = answer.get(10, SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("time to the answer")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(response.statusCode()).as("status").isEqualTo(201);
    assertThat(json(response).get("quoteId").asText()).as("quote id").isEqualTo("Q-0001");
    assertThat(events).as("events").extracting(ServiceEvent::outcome).containsExactly(Outcome.OK);
    assertThat(events.get(0).details()).as("event details").containsEntry("fault", "slow");
    assertThat(crm.audit().get(0).fault()).as("audit fault").isEqualTo("slow");
  }

  @Test
  void slow_answers_hold_no_request_thread() throws Exception {
    // Six answers held far longer than the test runs, more than the CRM's four request threads: another request
    // can only be answered if none of them holds a thread. Closing the CRM after the test drops them.
    crm.faults().inject(CrmFault.slow(Duration.ofMinutes(10)).on("get_account"));
    List<CompletableFuture<HttpResponse<String>>> slow = IntStream.range(0, 6)
        .mapToObj(i -> client.getAsync("/accounts/ACME-001", token)).toList();
    await("six slow reads to be served").atMost(30, SECONDS).until(() -> events.size() == 6);

    HttpResponse<String> quick = client.get("/quotes/Q-0404", token);

    assertThat(quick.statusCode()).as("status of another operation while six answers wait").isEqualTo(404);
    assertThat(slow).as("slow answers still pending").allMatch(answer -> !answer.isDone());
    assertThat(events).as("events of the six slow reads").extracting(ServiceEvent::outcome)
        .startsWith(Outcome.OK, Outcome.OK, Outcome.OK, Outcome.OK, Outcome.OK, Outcome.OK);
  }

  @Test
  void fault_on_one_operation_leaves_the_others_alone() {
    crm.faults().inject(CrmFault.serverError(502).on("place_order"));

    HttpResponse<String> quote = client.post("/quotes", token, QUOTE, null);
    HttpResponse<String> order = client.post("/orders", token, "{\"quoteId\":\"Q-0001\"}", null);
    HttpResponse<String> account = client.get("/accounts/ACME-001", token);

    assertThat(List.of(quote, order, account)).as("statuses of create_quote, place_order, get_account")
        .extracting(HttpResponse::statusCode).containsExactly(201, 502, 200);
    assertThat(crm.audit()).as("audit").extracting(AuditRecord::operation, AuditRecord::fault)
        .containsExactly(tuple("create_quote", null), tuple("place_order", "server_error"),
            tuple("get_account", null));
  }

  @Test
  void fault_for_n_requests_heals_itself_after_the_nth() {
    InjectedFault fault = crm.faults().inject(CrmFault.conflict().forRequests(2));

    List<Integer> statuses = IntStream.range(0, 3)
        .mapToObj(i -> client.get("/accounts/ACME-001", token).statusCode()).toList();

    assertThat(statuses).as("statuses of three reads").containsExactly(409, 409, 200);
    assertThat(fault.active()).as("fault active after its two requests").isFalse();
    assertThat(fault.hits()).as("hits").isEqualTo(2);
    assertThat(crm.faults().active()).as("active faults").isEmpty();
  }

  @Test
  void fault_for_n_requests_takes_exactly_n_of_concurrent_requests() {
    crm.faults().inject(CrmFault.serverError(503).forRequests(3));

    List<Integer> statuses = IntStream.range(0, 10)
        .mapToObj(i -> client.getAsync("/accounts/ACME-001", token))
        .toList().stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

    assertThat(statuses).as("statuses of ten concurrent reads").filteredOn(s -> s == 503).hasSize(3);
    assertThat(statuses).as("statuses of ten concurrent reads").filteredOn(s -> s == 200).hasSize(7);
  }

  @Test
  void healed_fault_stops_at_once_and_healing_twice_is_harmless() {
    InjectedFault fault = crm.faults().inject(CrmFault.serverError(500));
    int before = client.get("/accounts/ACME-001", token).statusCode();

    fault.heal();
    fault.heal();

    assertThat(before).as("status while injected").isEqualTo(500);
    assertThat(client.get("/accounts/ACME-001", token).statusCode()).as("status once healed").isEqualTo(200);
    assertThat(fault.active()).as("active").isFalse();
    assertThat(fault.hits()).as("hits").isEqualTo(1);
  }

  @Test
  void closing_the_handle_heals_the_fault() {
    try (InjectedFault fault = crm.faults().inject(CrmFault.conflict())) {
      assertThat(client.get("/accounts/ACME-001", token).statusCode()).as("status inside the block").isEqualTo(409);
      assertThat(crm.faults().active()).as("active faults inside the block").containsExactly(fault);
    }
    assertThat(client.get("/accounts/ACME-001", token).statusCode()).as("status after the block").isEqualTo(200);
  }

  @Test
  void heal_all_stops_every_fault() {
    InjectedFault first = crm.faults().inject(CrmFault.serverError(503).on("get_account"));
    InjectedFault second = crm.faults().inject(CrmFault.conflict().on("get_quote"));

    crm.faults().healAll();

    assertThat(crm.faults().active()).as("active faults").isEmpty();
    assertThat(List.of(first.active(), second.active())).as("handles active").containsOnly(false);
    assertThat(client.get("/accounts/ACME-001", token).statusCode()).as("get_account").isEqualTo(200);
    assertThat(client.get("/quotes/Q-0404", token).statusCode()).as("get_quote").isEqualTo(404);
  }

  @Test
  void first_injected_fault_takes_the_request_and_ids_count_up() {
    InjectedFault conflict = crm.faults().inject(CrmFault.conflict().forRequests(1));
    InjectedFault error = crm.faults().inject(CrmFault.serverError(504));

    List<Integer> statuses = List.of(client.get("/accounts/ACME-001", token).statusCode(),
        client.get("/accounts/ACME-001", token).statusCode());

    assertThat(statuses).as("statuses").containsExactly(409, 504);
    assertThat(List.of(conflict.id(), error.id())).as("ids").containsExactly("f-1", "f-2");
    assertThat(crm.faults().active()).as("active faults").containsExactly(error);
  }

  @Test
  void authentication_comes_before_faults_so_a_401_stays_a_401() {
    InjectedFault fault = crm.faults().inject(CrmFault.serverError(503));

    HttpResponse<String> anonymous = client.get("/accounts/ACME-001", null);
    HttpResponse<String> readOnly = client.post("/quotes", idp.token().withScope("crm.read").sign(), QUOTE, null);
    HttpResponse<String> audit = client.get("/audit", null);

    assertThat(List.of(anonymous, readOnly, audit)).as("statuses without token, without scope, of /audit")
        .extracting(HttpResponse::statusCode).containsExactly(401, 403, 200);
    assertThat(fault.hits()).as("hits").isZero();
    assertThat(crm.audit()).as("audit faults").extracting(AuditRecord::fault).containsOnlyNulls();
  }

  private List<String> effects() {
    return crm.audit().stream().filter(r -> r.effect() != null)
        .map(r -> r.effect().type() + " " + r.effect().id()).toList();
  }
}
