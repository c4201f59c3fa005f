package dev.crashtest.fakes.identity;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdentityProviderMainTest {

  @Test
  void client_without_a_secret_is_refused_without_echoing_it() {
    assertThatThrownBy(() -> IdentityProviderMain.start(new String[] {"--client", "a:b,agent-and-secret"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("identity: --client entry [2] is not id:secret, e.g. --client procurement-agent:s3cret");
  }

  @Test
  void port_out_of_range_is_refused() {
    assertThatThrownBy(() -> IdentityProviderMain.start(new String[] {"--port", "70000"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("identity: --port [70000] is not a port number (0-65535)");
  }

  @Test
  void seed_must_be_a_number() {
    assertThatThrownBy(() -> IdentityProviderMain.start(new String[] {"--seed", "abc"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("identity: --seed [abc] is not a whole number");
  }

  @Test
  void bad_issuer_id_is_refused_with_an_example() {
    assertThatThrownBy(() -> IdentityProviderMain.start(new String[] {"--issuer-id", "a/b"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("identity: issuer id [a/b] must be letters, digits, '.', '_' or '-', e.g. \"crashtest\"");
  }
}
