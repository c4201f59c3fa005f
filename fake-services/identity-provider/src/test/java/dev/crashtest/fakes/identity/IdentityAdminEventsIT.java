package dev.crashtest.fakes.identity;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crashtest.fakes.HttpEventListener;
import dev.crashtest.fakes.testing.EventSinkServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the identity admin API publishes: the events of the Java methods it calls, delivered by {@code
 * --events-url}. Two providers with the same {@code --seed}, one driven over HTTP, one through Java, must agree.
 */
class IdentityAdminEventsIT {
  private static final String ADMIN = "/__crashtest/identity";
  /** Details that differ between two providers whatever the seed: RSA keys and the wall clock. */
  private static final List<String> UNSEEDED = List.of("kid", "previousKid", "expiresAt");

  @Test
  void every_admin_route_posts_the_event_its_java_method_publishes_and_the_seed_gives_the_same_secrets() {
    try (EventSinkServer overHttp = EventSinkServer.start(); EventSinkServer fromJava = EventSinkServer.start();
        IdentityProvider driven = IdentityProviderMain.start(
            new String[] {"--port", "0", "--seed", "11", "--events-url", overHttp.url().toString()});
        IdentityProvider called = IdentityProvider.builder().withSeed(11)
            .withEventListener(HttpEventListener.to(fromJava.url())).start()) {
      AdminCalls admin = new AdminCalls(driven.baseUrl());

      String registeredOverHttp =
          (String) admin.json("POST", ADMIN + "/clients", "{\"clientId\":\"naive-agent\"}", 201).get("secret");
      String rotatedOverHttp = (String) admin.json("POST", ADMIN + "/clients/naive-agent/secret",
          "{\"graceMillis\":5000}", 200).get("secret");
      admin.json("POST", ADMIN + "/user-tokens", "{\"user\":\"alice\",\"scopes\":[\"crm.read\"]}", 201);
      admin.json("POST", ADMIN + "/signing-key", "{\"graceMillis\":30000}", 200);
      admin.send("PUT", ADMIN + "/delegated-token-lifetime", "{\"millis\":2000}");
      admin.send("POST", ADMIN + "/revocations", "{\"user\":\"alice\",\"agent\":\"naive-agent\"}");
      admin.send("POST", ADMIN + "/withdrawals",
          "{\"user\":\"bob\",\"agent\":\"naive-agent\",\"scope\":\"crm.write\"}");
      admin.send("PUT", ADMIN + "/clock-offset", "{\"millis\":1000}");

      String registeredFromJava = called.registerClient("naive-agent");
      String rotatedFromJava = called.rotateClientSecret("naive-agent", Duration.ofMillis(5000));
      called.issueUserToken("alice", Set.of("crm.read"));
      called.rotateSigningKey(Duration.ofSeconds(30));
      called.setDelegatedTokenLifetime(Duration.ofSeconds(2));
      called.revokeDelegation("alice", "naive-agent");
      called.withdrawScope("bob", "naive-agent", "crm.write");
      called.setClockOffset(Duration.ofSeconds(1));

      await("eight events at each sink").atMost(5, SECONDS)
          .until(() -> overHttp.bodies().size() == 8 && fromJava.bodies().size() == 8);
      assertThat(comparable(overHttp.bodies())).as("events of the admin routes")
          .isEqualTo(comparable(fromJava.bodies()));
      assertThat(comparable(overHttp.bodies())).as("operations, all by the harness")
          .extracting(event -> event.get("actor") + " " + event.get("operation")).containsExactly(
              "harness register_client", "harness rotate_client_secret", "harness user_token",
              "harness rotate_signing_key", "harness set_token_lifetime", "harness revoke_delegation",
              "harness withdraw_scope", "harness set_clock_offset");
      assertThat(List.of(registeredOverHttp, rotatedOverHttp)).as("secrets answered with --seed 11")
          .containsExactly(registeredFromJava, rotatedFromJava);
    }
  }

  /** Each event without its time and without the details no seed can make equal. */
  private static List<Map<String, Object>> comparable(List<String> bodies) {
    return bodies.stream().map(body -> {
      Map<String, Object> event = new LinkedHashMap<>(AdminCalls.parse(body));
      event.remove("time");
      Map<String, Object> details = new LinkedHashMap<>((Map<String, Object>) event.get("details"));
      UNSEEDED.forEach(details::remove);
      event.put("details", details);
      return event;
    }).toList();
  }
}
