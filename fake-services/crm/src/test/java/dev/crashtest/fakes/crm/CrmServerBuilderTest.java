package dev.crashtest.fakes.crm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CrmServerBuilderTest {

  @Test
  void starting_without_identity_provider_says_how_to_set_it() {
    assertThatThrownBy(() -> CrmServer.builder().start())
        .as("start without issuer")
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("crm: the identity provider is not set ([issuer] null, [jwksUri] null). For example: "
            + "CrmServer.builder().withIssuer(URI.create(\"http://127.0.0.1:41003\"))"
            + ".withJwksUri(URI.create(\"http://127.0.0.1:41003/jwks\")).start()");
  }

  @Test
  void port_out_of_range_is_refused() {
    assertThatThrownBy(() -> CrmServer.builder().withPort(70000))
        .as("port 70000")
        .hasMessage("crm: port [70000] is not a port number (0-65535)");
  }
}
