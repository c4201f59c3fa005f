package dev.crashtest.fakes.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.fakes.identity.MutableClock;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClientRegistryTest {
  private final MutableClock clock = MutableClock.startingNow();
  private final ClientRegistry clients = new ClientRegistry(new Random(1), clock);

  @Test
  void same_seed_gives_the_same_secrets() {
    ClientRegistry again = new ClientRegistry(new Random(1), clock);

    assertThat(clients.register("a")).as("secret under seed 1").isEqualTo(again.register("a"));
  }

  @Test
  void generated_secret_carries_the_prefix_a_leak_scanner_looks_for() {
    assertThat(clients.register("a")).as("secret").startsWith("ctsec_").hasSize("ctsec_".length() + 32);
  }

  @Test
  void only_the_right_secret_of_a_registered_client_authenticates() {
    String secret = clients.register("a");

    assertThat(clients.authenticate("a", secret)).as("right secret").isTrue();
    assertThat(clients.authenticate("a", secret + "x")).as("wrong secret").isFalse();
    assertThat(clients.authenticate("b", secret)).as("unknown client").isFalse();
    assertThat(clients.authenticate(null, null)).as("no credentials").isFalse();
  }

  @Test
  void rotation_without_grace_retires_the_old_secret_at_once() {
    String old = clients.register("a");

    String fresh = clients.rotate("a", Duration.ZERO);

    assertThat(fresh).as("new secret").isNotEqualTo(old);
    assertThat(clients.authenticate("a", fresh)).as("new secret").isTrue();
    assertThat(clients.authenticate("a", old)).as("old secret").isFalse();
  }

  @Test
  void rotation_with_grace_keeps_the_old_secret_until_the_grace_ends() {
    String old = clients.register("a");
    clients.rotate("a", Duration.ofSeconds(10));

    clock.advance(Duration.ofSeconds(9));
    assertThat(clients.authenticate("a", old)).as("old secret after 9 of 10 s").isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(clients.authenticate("a", old)).as("old secret after 10 of 10 s").isFalse();
  }

  @Test
  void registering_a_client_twice_is_refused_with_the_fix() {
    clients.register("a");

    assertThatThrownBy(() -> clients.register("a"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "identity: client [a] is already registered; to give it a new secret call idp.rotateClientSecret(\"a\")");
  }

  @Test
  void rotating_an_unknown_client_says_how_to_register_it() {
    assertThatThrownBy(() -> clients.rotate("ghost", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("identity: unknown client [ghost]; register it first: idp.registerClient(\"ghost\")");
  }
}
