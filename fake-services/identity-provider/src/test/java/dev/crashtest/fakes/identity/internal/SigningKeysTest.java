package dev.crashtest.fakes.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import dev.crashtest.fakes.identity.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SigningKeysTest {
  private final MutableClock clock = MutableClock.startingNow();
  private final SigningKeys keys = new SigningKeys(clock);

  @Test
  void key_id_is_the_rfc_7638_thumbprint_of_the_key() throws Exception {
    JWK published = keys.publicKeys().getKeys().get(0);

    assertThat(published.getKeyID()).as("kid").isEqualTo(published.computeThumbprint().toString());
    assertThat(published.isPrivate()).as("published key is private").isFalse();
  }

  @Test
  void rotation_without_grace_publishes_only_the_new_key() {
    String old = keys.currentKeyId();

    String fresh = keys.rotate(Duration.ZERO);

    assertThat(keys.publicKeys().getKeys()).extracting(JWK::getKeyID).as("kids").containsExactly(fresh);
    assertThat(keys.publishedKey(old)).as("old key").isEmpty();
  }

  @Test
  void rotation_with_grace_publishes_the_old_key_until_the_grace_ends() {
    String old = keys.currentKeyId();
    String fresh = keys.rotate(Duration.ofSeconds(5));

    assertThat(keys.publicKeys().getKeys()).extracting(JWK::getKeyID).as("kids in grace").containsExactly(fresh, old);
    clock.advance(Duration.ofSeconds(5));
    assertThat(keys.publicKeys().getKeys()).extracting(JWK::getKeyID).as("kids after grace").containsExactly(fresh);
  }

  @Test
  void mock_oauth2_server_is_given_the_current_key_for_any_issuer() {
    String fresh = keys.rotate(Duration.ZERO);

    assertThat(keys.signingKey("default").getKeyID()).as("key for issuer [default]").isEqualTo(fresh);
  }

  @Test
  void negative_grace_is_refused() {
    assertThatThrownBy(() -> keys.rotate(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("identity: grace period [PT-1S] must not be negative");
  }
}
