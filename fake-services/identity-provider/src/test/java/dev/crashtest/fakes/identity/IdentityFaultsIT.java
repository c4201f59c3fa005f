package dev.crashtest.fakes.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.ServiceEvent;
import dev.crashtest.fakes.ServiceEvent.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One test per fault, asserting what an HTTP client sees, then self-healing and healing. */
class IdentityFaultsIT {
  private final List<ServiceEvent> events = new CopyOnWriteArrayList<>();
  private IdentityProvider idp;
  private TokenClient client;
  private String userToken;

  @BeforeEach
  void start() {
    idp = IdentityProvider.builder().withClient("procurement-agent", "s3cret").withEventListener(events::add).start();
    client = new TokenClient(idp.tokenEndpoint());
    userToken = idp.issueUserToken("alice", Set.of("crm.read", "crm.write"));
    events.clear();
  }

  @AfterEach
  void stop() {
    idp.close();
  }

  @Test
  void outage_answers_503_temporarily_unavailable_on_discovery_jwks_and_token() {
    InjectedFault outage = idp.faults().inject(IdentityFault.outage());

    List<TokenClient.Answer> answers = List.of(client.get(idp.discoveryUri()), client.get(idp.jwksUri()),
        client.exchange("procurement-agent", "s3cret", userToken));

    assertThat(answers).as("discovery, JWKS and token answers")
        .extracting(TokenClient.Answer::status, answer -> answer.string("error"))
        .containsOnly(tuple(503, "temporarily_unavailable"));
    assertThat(answers.get(2).string("error_description")).as("description")
        .isEqualTo("the identity provider failed on purpose (injected fault [f-1]: every endpoint answers 503"
            + " temporarily_unavailable, until healed)");
    assertThat(outage.hits()).as("hits").isEqualTo(3);
    assertThat(events).as("events: only the token request publishes one")
        .extracting(ServiceEvent::actor, ServiceEvent::operation, ServiceEvent::outcome)
        .containsExactly(tuple("anonymous", "token_exchange", Outcome.FAIL));
    assertThat(events.get(0).details()).as("details")
        .containsEntry("fault", "outage").containsEntry("error", "temporarily_unavailable")
        .containsEntry("clientId", "procurement-agent").doesNotContainKeys("sub", "jti");
  }

  @Test
  void token_endpoint_error_refuses_token_requests_and_leaves_discovery_alone() {
    idp.faults().inject(IdentityFault.tokenEndpointError(500));

    TokenClient.Answer token = client.clientCredentials("procurement-agent", "s3cret", "crm.read");
    TokenClient.Answer discovery = client.get(idp.discoveryUri());
    TokenClient.Answer jwks = client.get(idp.jwksUri());

    assertThat(token.status()).as("token status").isEqualTo(500);
    assertThat(token.json()).as("token answer").containsEntry("error", "server_error")
        .containsEntry("error_description", "the identity provider failed on purpose (injected fault [f-1]:"
            + " token endpoint answers 500 server_error, until healed)");
    assertThat(List.of(discovery.status(), jwks.status())).as("discovery and JWKS statuses").containsOnly(200);
    assertThat(events).as("events").extracting(ServiceEvent::operation, ServiceEvent::outcome)
        .containsExactly(tuple("client_credentials", Outcome.FAIL));
    assertThat(events.get(0).details()).as("details").containsEntry("fault", "token_endpoint_error")
        .containsEntry("error", "server_error").containsEntry("grantType", "client_credentials");
  }

  @Test
  void token_endpoint_error_503_says_temporarily_unavailable() {
    idp.faults().inject(IdentityFault.tokenEndpointError(503));

    TokenClient.Answer token = client.exchange("procurement-agent", "s3cret", userToken);

    assertThat(token.status()).as("status").isEqualTo(503);
    assertThat(token.string("error")).as("error").isEqualTo("temporarily_unavailable");
  }

  @Test
  void slow_token_endpoint_answers_late_with_a_valid_token() {
    idp.faults().inject(IdentityFault.slowTokenEndpoint(Duration.ofMillis(1500)));
    long started = System.nanoTime();

    TokenClient.Answer token = client.exchange("procurement-agent", "s3cret", userToken);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("time to the answer")
        .isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    assertThat(token.status()).as("status").isEqualTo(200);
    assertThat(Jwks.claims(token.string("access_token")).getSubject()).as("sub").isEqualTo("alice");
    assertThat(events).as("events").extracting(ServiceEvent::actor, ServiceEvent::operation, ServiceEvent::outcome)
        .containsExactly(tuple("procurement-agent", "token_exchange", Outcome.OK));
    assertThat(events.get(0).details()).as("details").containsEntry("fault", "slow_token_endpoint")
        .containsEntry("act", "procurement-agent");
  }

  @Test
  void fault_for_n_requests_heals_itself_after_the_nth() {
    InjectedFault outage = idp.faults().inject(IdentityFault.outage().forRequests(2));

    List<Integer> statuses = List.of(client.get(idp.discoveryUri()).status(), client.get(idp.jwksUri()).status(),
        client.exchange("procurement-agent", "s3cret", userToken).status());

    assertThat(statuses).as("discovery, JWKS, token").containsExactly(503, 503, 200);
    assertThat(outage.active()).as("active").isFalse();
    assertThat(idp.faults().active()).as("active faults").isEmpty();
  }

  @Test
  void fault_for_n_requests_takes_exactly_n_of_concurrent_token_requests() {
    idp.faults().inject(IdentityFault.tokenEndpointError(502).forRequests(3));
    ExecutorService callers = Executors.newFixedThreadPool(8);

    List<Integer> statuses;
    try {
      statuses = IntStream.range(0, 8)
          .mapToObj(i -> CompletableFuture.supplyAsync(
              () -> client.clientCredentials("procurement-agent", "s3cret", "crm.read").status(), callers))
          .toList().stream().map(CompletableFuture::join).toList();
    } finally {
      callers.shutdownNow();
    }

    assertThat(statuses).as("statuses of eight concurrent token requests").filteredOn(s -> s == 502).hasSize(3);
    assertThat(statuses).as("statuses of eight concurrent token requests").filteredOn(s -> s == 200).hasSize(5);
  }

  @Test
  void healed_fault_stops_at_once() {
    InjectedFault fault = idp.faults().inject(IdentityFault.tokenEndpointError(504));
    int before = client.clientCredentials("procurement-agent", "s3cret", "crm.read").status();

    fault.heal();

    assertThat(before).as("status while injected").isEqualTo(504);
    assertThat(client.clientCredentials("procurement-agent", "s3cret", "crm.read").status()).as("status once healed")
        .isEqualTo(200);
    assertThat(fault.hits()).as("hits").isEqualTo(1);
  }

  @Test
  void heal_all_stops_every_fault() {
    InjectedFault outage = idp.faults().inject(IdentityFault.outage());
    InjectedFault slow = idp.faults().inject(IdentityFault.slowTokenEndpoint(Duration.ofSeconds(30)));

    idp.faults().healAll();

    assertThat(idp.faults().active()).as("active faults").isEmpty();
    assertThat(List.of(outage.active(), slow.active())).as("handles active").containsOnly(false);
    assertThat(client.get(idp.discoveryUri()).status()).as("discovery").isEqualTo(200);
    assertThat(client.exchange("procurement-agent", "s3cret", userToken).status()).as("token").isEqualTo(200);
  }

  @Test
  void first_injected_fault_takes_a_token_request() {
    idp.faults().inject(IdentityFault.tokenEndpointError(500).forRequests(1));
    idp.faults().inject(IdentityFault.outage().forRequests(1));

    List<Integer> statuses = List.of(client.clientCredentials("procurement-agent", "s3cret", "crm.read").status(),
        client.get(idp.jwksUri()).status(),
        client.clientCredentials("procurement-agent", "s3cret", "crm.read").status());

    assertThat(statuses).as("token, JWKS, token").containsExactly(500, 503, 200);
  }
}
