package dev.crashtest.fakes.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyRotationIT {
  private final MutableClock clock = MutableClock.startingNow();
  private IdentityProvider idp;
  private TokenClient client;
  private String secret;

  @BeforeEach
  void start() {
    idp = IdentityProvider.builder().withClock(clock).start();
    client = new TokenClient(idp.tokenEndpoint());
    secret = idp.registerClient("procurement-agent");
  }

  @AfterEach
  void stop() {
    idp.close();
  }

  @Test
  void rotation_without_grace_publishes_only_the_new_key_and_refuses_old_tokens() {
    String oldKid = idp.signingKeyId();
    String oldUserToken = idp.issueUserToken("alice", Set.of("crm.read"));

    String newKid = idp.rotateSigningKey();

    Jwks jwks = Jwks.fetch(client, idp);
    assertThat(newKid).as("new kid").isNotEqualTo(oldKid).isEqualTo(idp.signingKeyId());
    assertThat(jwks.keyIds()).as("published kids").containsExactly(newKid);
    assertThat(jwks.verify(oldUserToken)).as("old-key token against the JWKS").isEmpty();
    TokenClient.Answer answer = client.exchange("procurement-agent", secret, oldUserToken);
    assertThat(answer.status()).as("status").isEqualTo(400);
    assertThat(answer.json())
        .as("answer")
        .containsEntry("error", "invalid_grant")
        .containsEntry(
            "error_description",
            "subject_token is signed by key [" + oldKid + "], which this issuer does not publish"
                + " (a foreign key, or one rotated out)");
  }

  @Test
  void old_key_stays_published_and_accepted_until_the_grace_ends() {
    String oldKid = idp.signingKeyId();
    String oldUserToken = idp.issueUserToken("alice", Set.of("crm.read"));

    String newKid = idp.rotateSigningKey(Duration.ofSeconds(30));

    assertThat(Jwks.fetch(client, idp).keyIds()).as("kids during grace").containsExactly(newKid, oldKid);
    TokenClient.Answer during = client.exchange("procurement-agent", secret, oldUserToken);
    assertThat(during.status()).as("exchange of an old-key token during grace: %s", during.json()).isEqualTo(200);
    String delegated = during.string("access_token");
    assertThat(Jwks.fetch(client, idp).verify(delegated)).as("delegated token signed by the new key").isPresent();

    clock.advance(Duration.ofSeconds(30));

    Jwks after = Jwks.fetch(client, idp);
    assertThat(after.keyIds()).as("kids after grace").containsExactly(newKid);
    assertThat(after.verify(oldUserToken)).as("old-key token after grace").isEmpty();
    assertThat(client.exchange("procurement-agent", secret, oldUserToken).string("error"))
        .as("exchange of an old-key token after grace")
        .isEqualTo("invalid_grant");
  }

  @Test
  void tokens_issued_after_rotation_carry_the_new_kid() {
    String newKid = idp.rotateSigningKey();

    String userToken = idp.issueUserToken("alice", Set.of("crm.read"));

    assertThat(Jwks.fetch(client, idp).verify(userToken)).as("new token against the JWKS").isPresent();
    assertThat(client.exchange("procurement-agent", secret, userToken).status()).as("exchange").isEqualTo(200);
    assertThat(newKid).as("kid").isEqualTo(idp.signingKeyId());
  }
}
