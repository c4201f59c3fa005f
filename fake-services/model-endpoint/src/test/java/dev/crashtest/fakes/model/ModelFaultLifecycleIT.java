package dev.crashtest.fakes.model;

import static dev.crashtest.fakes.model.WireClient.afterGetAccount;
import static dev.crashtest.fakes.model.WireClient.body;
import static dev.crashtest.fakes.model.WireClient.goalOnly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.ServiceEvent;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How faults start, scope, stack, heal and report themselves. */
class ModelFaultLifecycleIT {
  private final List<ServiceEvent> events = new CopyOnWriteArrayList<>();
  private ModelEndpoint endpoint;
  private WireClient client;

  @BeforeEach
  void start() {
    endpoint = ModelEndpoint.builder().withEventListener(events::add).start();
    client = new WireClient(endpoint.baseUrl());
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private List<Integer> statuses(int requests) throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      statuses.add(client.chat(false, goalOnly()).statusCode());
    }
    return statuses;
  }

  @Test
  void a_fault_for_n_requests_affects_exactly_n_then_heals_itself() throws Exception {
    InjectedFault fault = endpoint.faults().inject(ModelFault.rateLimited(Duration.ofSeconds(1)).forRequests(2));

    assertThat(statuses(3)).as("statuses").containsExactly(429, 429, 200);
    assertThat(fault.hits()).as("hits").isEqualTo(2);
    assertThat(fault.active()).as("still active").isFalse();
    assertThat(endpoint.faults().active()).as("active faults").isEmpty();
  }

  @Test
  void a_fault_without_a_limit_lasts_until_healed_and_heal_is_harmless_twice() throws Exception {
    InjectedFault fault = endpoint.faults().inject(ModelFault.overloaded());

    assertThat(statuses(3)).as("statuses while active").containsExactly(529, 529, 529);
    fault.heal();
    fault.heal();

    assertThat(statuses(1)).as("status after heal").containsExactly(200);
    assertThat(fault.active()).as("active after heal").isFalse();
    assertThat(fault.hits()).as("hits").isEqualTo(3);
  }

  @Test
  void closing_the_handle_heals_the_fault() throws Exception {
    try (InjectedFault fault = endpoint.faults().inject(ModelFault.serverError(500))) {
      assertThat(statuses(1)).as("status inside try").containsExactly(500);
    }

    assertThat(statuses(1)).as("status after close").containsExactly(200);
  }

  @Test
  void heal_all_heals_every_active_fault() throws Exception {
    endpoint.faults().inject(ModelFault.serverError(502));
    endpoint.faults().inject(ModelFault.overloaded().forRequests(5));

    endpoint.faults().healAll();

    assertThat(endpoint.faults().active()).as("active faults").isEmpty();
    assertThat(statuses(1)).as("status").containsExactly(200);
  }

  @Test
  void active_lists_faults_first_injected_first_with_ids_and_descriptions() {
    endpoint.faults().inject(ModelFault.rateLimited(Duration.ofSeconds(1)).forRequests(3));
    endpoint.faults().inject(ModelFault.wrongToolArguments().whenToolCall("create_quote"));

    assertThat(endpoint.faults().active()).as("active faults")
        .extracting(InjectedFault::id, InjectedFault::description)
        .containsExactly(
            tuple("f-1", "429 rate_limit_exceeded with Retry-After 1 s, next 3 requests"),
            tuple("f-2",
                "tool calls with a wrong argument (seed 0), only answers calling create_quote"));
  }

  @Test
  void the_first_injected_fault_that_applies_answers_and_the_next_waits_its_turn() throws Exception {
    endpoint.faults().inject(ModelFault.overloaded().forRequests(1));
    endpoint.faults().inject(ModelFault.serverError(500).forRequests(1));

    assertThat(statuses(3)).as("statuses").containsExactly(529, 500, 200);
    assertThat(events).as("fault per event").extracting(event -> event.details().getOrDefault("fault", "none"))
        .containsExactly("overloaded", "server_error", "none");
  }

  @Test
  void when_tool_call_affects_only_answers_calling_that_tool() throws Exception {
    InjectedFault fault = endpoint.faults()
        .inject(ModelFault.rateLimited(Duration.ofSeconds(3)).whenToolCall("create_quote").forRequests(1));

    HttpResponse<String> getAccount = client.chat(false, goalOnly());
    HttpResponse<String> createQuote = client.chat(false, afterGetAccount());
    HttpResponse<String> retried = client.chat(false, afterGetAccount());

    assertThat(getAccount.statusCode()).as("status of the get_account answer").isEqualTo(200);
    assertThat(createQuote.statusCode()).as("status of the create_quote answer").isEqualTo(429);
    assertThat(retried.statusCode()).as("status of the retried create_quote answer").isEqualTo(200);
    assertThat(fault.hits()).as("hits").isEqualTo(1);
  }

  @Test
  void a_faulted_answer_publishes_its_event_before_the_client_gets_the_response() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    endpoint.close();
    endpoint = ModelEndpoint.builder().addEventListener(events::add).addEventListener(event -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }).start();
    client = new WireClient(endpoint.baseUrl());
    endpoint.faults().inject(ModelFault.rateLimited(Duration.ofSeconds(2)));

    CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient()
        .sendAsync(client.chatRequest(body(false, goalOnly()), Duration.ofSeconds(10)), BodyHandlers.ofString());

    await("the event of the rate-limited request").atMost(5, TimeUnit.SECONDS).until(() -> events.size() == 1);
    assertThat(events.get(0).details()).as("details while the client waits").containsEntry("fault", "rate_limited")
        .containsEntry("status", 429).containsEntry("retryAfterSeconds", 2L).containsEntry("faultId", "f-1");
    await("the answer while the listener holds it").during(Duration.ofMillis(300)).atMost(2, TimeUnit.SECONDS)
        .until(() -> !answer.isDone());
    release.countDown();
    assertThat(answer.get(5, TimeUnit.SECONDS).statusCode()).as("status once released").isEqualTo(429);
  }

  @Test
  void requests_the_script_never_answers_do_not_use_up_a_fault() throws Exception {
    InjectedFault fault = endpoint.faults().inject(ModelFault.overloaded().forRequests(1));

    HttpResponse<String> malformed = HttpClient.newHttpClient().send(
        client.chatRequest("{\"model\": \"m\"}", Duration.ofSeconds(5)), BodyHandlers.ofString());

    assertThat(malformed.statusCode()).as("status of a malformed request").isEqualTo(400);
    assertThat(fault.hits()).as("hits").isZero();
    assertThat(statuses(1)).as("status of the next good request").containsExactly(529);
  }
}
