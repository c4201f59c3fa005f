package dev.crashtest.fakes.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClientAuthenticationIT {
  private final MutableClock clock = MutableClock.startingNow();
  private IdentityProvider idp;
  private TokenClient client;

  @BeforeEach
  void start() {
    idp = IdentityProvider.builder().withClock(clock).withClient("procurement-agent", "s3cret").start();
    client = new TokenClient(idp.tokenEndpoint());
  }

  @AfterEach
  void stop() {
    idp.close();
  }

  @Test
  void wrong_secret_is_refused_as_invalid_client() {
    TokenClient.Answer answer = client.clientCredentials("procurement-agent", "guess", "crm.read");

    assertThat(answer.status()).as("status").isEqualTo(401);
    assertThat(answer.json())
        .as("answer")
        .containsEntry("error", "invalid_client")
        .containsEntry("error_description", "wrong secret for client [procurement-agent]");
    assertThat(answer.raw().headers().firstValue("WWW-Authenticate"))
        .as("WWW-Authenticate")
        .contains("Basic realm=\"crashtest\"");
  }

  @Test
  void unknown_client_is_refused_as_invalid_client() {
    TokenClient.Answer answer = client.clientCredentials("stranger", "s3cret", "crm.read");

    assertThat(answer.status()).as("status").isEqualTo(401);
    assertThat(answer.json())
        .as("answer")
        .containsEntry("error", "invalid_client")
        .containsEntry("error_description", "unknown client [stranger]");
  }

  @Test
  void request_without_client_authentication_is_refused() {
    TokenClient.Answer answer = client.post(null, Map.of("grant_type", "client_credentials"));

    assertThat(answer.status()).as("status").isEqualTo(401);
    assertThat(answer.json())
        .as("answer")
        .containsEntry("error", "invalid_client")
        .containsEntry(
            "error_description",
            "no client authentication; send HTTP Basic with your client id and secret (client_secret_basic)");
  }

  @Test
  void wrong_secret_refuses_a_token_exchange_too() {
    String userToken = idp.issueUserToken("alice", Set.of("crm.read"));

    TokenClient.Answer answer = client.exchange("procurement-agent", "guess", userToken);

    assertThat(answer.status()).as("status").isEqualTo(401);
    assertThat(answer.json()).as("answer").containsEntry("error", "invalid_client");
  }

  @Test
  void client_secret_post_is_accepted() {
    TokenClient.Answer answer =
        client.post(
            null,
            Map.of("grant_type", "client_credentials", "client_id", "procurement-agent", "client_secret", "s3cret"));

    assertThat(answer.status()).as("status of %s", answer.json()).isEqualTo(200);
  }

  @Test
  void rotated_secret_works_and_the_old_one_stops_at_once() {
    String newSecret = idp.rotateClientSecret("procurement-agent");

    assertThat(client.clientCredentials("procurement-agent", newSecret, "crm.read").status())
        .as("status with the new secret")
        .isEqualTo(200);
    assertThat(client.clientCredentials("procurement-agent", "s3cret", "crm.read").status())
        .as("status with the old secret")
        .isEqualTo(401);
  }

  @Test
  void old_secret_keeps_working_until_the_grace_period_ends() {
    String newSecret = idp.rotateClientSecret("procurement-agent", Duration.ofSeconds(30));

    assertThat(client.clientCredentials("procurement-agent", "s3cret", "crm.read").status())
        .as("old secret within the grace period")
        .isEqualTo(200);
    clock.advance(Duration.ofSeconds(30));
    assertThat(client.clientCredentials("procurement-agent", "s3cret", "crm.read").status())
        .as("old secret once the grace period ended")
        .isEqualTo(401);
    assertThat(client.clientCredentials("procurement-agent", newSecret, "crm.read").status())
        .as("new secret")
        .isEqualTo(200);
  }

  @Test
  void registered_secrets_repeat_with_the_same_seed() {
    try (IdentityProvider first = IdentityProvider.builder().withSeed(42).start();
        IdentityProvider second = IdentityProvider.builder().withSeed(42).start()) {
      assertThat(first.registerClient("agent"))
          .as("secret of the same client under the same seed")
          .isEqualTo(second.registerClient("agent"))
          .startsWith("ctsec_");
    }
  }
}
