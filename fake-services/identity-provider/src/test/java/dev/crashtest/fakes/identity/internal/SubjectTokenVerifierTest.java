package dev.crashtest.fakes.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crashtest.fakes.identity.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SubjectTokenVerifierTest {
  private final MutableClock clock = MutableClock.startingNow();
  private final Issuer issuer = issuer(4000);
  private final SigningKeys keys = new SigningKeys(clock);
  private final TokenMinter minter = new TokenMinter(issuer, keys, new Random(1), clock);
  private final SubjectTokenVerifier verifier = new SubjectTokenVerifier(issuer, keys, clock);

  @Test
  void our_own_user_token_verifies() {
    String token =
        minter.userToken("alice", List.of("crm.read"), "crashtest-agents", Duration.ofMinutes(1)).serialize();

    assertThat(verifier.verify(token).getSubject()).as("sub").isEqualTo("alice");
  }

  @Test
  void token_signed_by_another_identity_provider_is_refused() {
    SigningKeys foreignKeys = new SigningKeys(clock);
    TokenMinter foreign = new TokenMinter(issuer, foreignKeys, new Random(2), clock);
    String token = foreign.userToken("alice", List.of("crm.read"), "x", Duration.ofMinutes(1)).serialize();

    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOf(OAuthError.class)
        .hasMessage(
            "subject_token is signed by key [" + foreignKeys.currentKeyId() + "], which this issuer does not publish"
                + " (a foreign key, or one rotated out)");
  }

  @Test
  void token_of_another_issuer_is_refused() {
    Issuer other = issuer(4001);
    String token =
        new TokenMinter(other, keys, new Random(3), clock)
            .userToken("alice", List.of(), "x", Duration.ofMinutes(1))
            .serialize();

    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOf(OAuthError.class)
        .hasMessage(
            "subject_token was issued by [http://127.0.0.1:4001/crashtest], not by [http://127.0.0.1:4000/crashtest]");
  }

  @Test
  void token_is_refused_from_the_second_of_its_expiry() {
    MintedToken token = minter.userToken("alice", List.of(), "x", Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(10));

    assertThatThrownBy(() -> verifier.verify(token.serialize()))
        .isInstanceOf(OAuthError.class)
        .hasMessage("subject_token expired at [" + token.claims().getExpirationTime().toInstant() + "]");
  }

  @Test
  void refusal_is_invalid_grant_with_status_400() {
    OAuthError error = catchThrowableOfType(OAuthError.class, () -> verifier.verify("a.b.c"));

    assertThat(error.error()).as("error").isEqualTo("invalid_grant");
    assertThat(error.status()).as("status").isEqualTo(400);
  }

  private static Issuer issuer(int port) {
    Issuer issuer = new Issuer("crashtest", "127.0.0.1");
    issuer.listeningOn(port);
    return issuer;
  }
}
