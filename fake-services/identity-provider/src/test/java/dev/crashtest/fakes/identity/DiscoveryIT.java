package dev.crashtest.fakes.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiscoveryIT {
  private IdentityProvider idp;
  private TokenClient client;

  @BeforeEach
  void start() {
    idp = IdentityProvider.builder().withPort(0).start();
    client = new TokenClient(idp.tokenEndpoint());
  }

  @AfterEach
  void stop() {
    idp.close();
  }

  @Test
  void issuer_is_on_127_0_0_1_with_the_crashtest_issuer_id() {
    assertThat(idp.issuer()).as("issuer").isEqualTo(URI.create("http://127.0.0.1:" + idp.port() + "/crashtest"));
    assertThat(idp.baseUrl()).as("base URL").isEqualTo(URI.create("http://127.0.0.1:" + idp.port()));
  }

  @Test
  void discovery_document_names_our_issuer_token_endpoint_and_jwks() {
    TokenClient.Answer answer = client.get(idp.discoveryUri());

    assertThat(answer.status()).as("status").isEqualTo(200);
    assertThat(answer.json())
        .as("discovery document")
        .containsEntry("issuer", idp.issuer().toString())
        .containsEntry("token_endpoint", idp.tokenEndpoint().toString())
        .containsEntry("jwks_uri", idp.jwksUri().toString());
  }

  @Test
  void jwks_publishes_the_current_signing_key_and_no_private_part() {
    TokenClient.Answer answer = client.get(idp.jwksUri());

    assertThat(answer.status()).as("status").isEqualTo(200);
    assertThat(Jwks.fetch(client, idp).keyIds()).as("published kids").containsExactly(idp.signingKeyId());
    assertThat(answer.raw().body()).as("JWKS body").doesNotContain("\"d\"").contains("\"kty\":\"RSA\"");
  }

  @Test
  void token_endpoint_of_another_issuer_is_refused() {
    TokenClient.Answer answer =
        client.post(
            URI.create(idp.baseUrl() + "/default/token"),
            TokenClient.basic("anyone", "anything"),
            Map.of("grant_type", "client_credentials"));

    assertThat(answer.status()).as("status").isEqualTo(404);
    assertThat(answer.json())
        .as("answer")
        .containsEntry(
            "error_description",
            "no token endpoint at [/default/token]; this identity provider has one issuer, [" + idp.issuer()
                + "], whose token endpoint is [" + idp.tokenEndpoint() + "]");
  }
}
