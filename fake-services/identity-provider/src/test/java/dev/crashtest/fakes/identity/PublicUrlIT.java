package dev.crashtest.fakes.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider behind a proxy: clients reach it at the public URL, and every token names that URL as issuer. */
class PublicUrlIT {
  private TcpForwarder proxy;
  private IdentityProvider idp;
  private TokenClient client;

  @BeforeEach
  void start() {
    proxy = TcpForwarder.start();
    idp = IdentityProvider.builder().withPublicUrl(proxy.url()).withClient("procurement-agent", "s3cret").start();
    proxy.forwardTo(idp.port());
    client = new TokenClient(idp.tokenEndpoint());
  }

  @AfterEach
  void stop() {
    idp.close();
    proxy.close();
  }

  @Test
  void issuer_and_endpoints_name_the_public_url_and_base_url_stays_the_socket() {
    assertThat(idp.issuer()).as("issuer").isEqualTo(URI.create(proxy.url() + "/crashtest"));
    assertThat(idp.tokenEndpoint()).as("token endpoint").isEqualTo(URI.create(proxy.url() + "/crashtest/token"));
    assertThat(idp.jwksUri()).as("JWKS").isEqualTo(URI.create(proxy.url() + "/crashtest/jwks"));
    assertThat(idp.baseUrl()).as("base URL").isEqualTo(URI.create("http://127.0.0.1:" + idp.port()));
    assertThat(idp.port()).as("port of the socket").isNotEqualTo(proxy.url().getPort());
  }

  @Test
  void discovery_through_the_proxy_names_the_public_issuer_and_endpoints() {
    TokenClient.Answer discovery = client.get(idp.discoveryUri());

    assertThat(discovery.status()).as("status").isEqualTo(200);
    assertThat(discovery.json()).as("discovery document through the proxy")
        .containsEntry("issuer", idp.issuer().toString())
        .containsEntry("token_endpoint", idp.tokenEndpoint().toString())
        .containsEntry("jwks_uri", idp.jwksUri().toString());
  }

  @Test
  void tokens_issued_through_the_proxy_carry_the_public_issuer() {
    String token = client.clientCredentials("procurement-agent", "s3cret", "crm.read").string("access_token");

    assertThat(Jwks.claims(token).getIssuer()).as("iss").isEqualTo(idp.issuer().toString());
    assertThat(Jwks.fetch(client, idp).verify(token)).as("signature checked against the JWKS via the proxy")
        .isPresent();
  }

  @Test
  void token_exchange_accepts_a_subject_token_of_the_public_issuer() {
    String userToken = idp.issueUserToken("alice", Set.of("crm.read", "crm.write"));

    TokenClient.Answer answer = client.exchange("procurement-agent", "s3cret", userToken);

    assertThat(Jwks.claims(userToken).getIssuer()).as("iss of the user token").isEqualTo(idp.issuer().toString());
    assertThat(answer.status()).as("status of the exchange").isEqualTo(200);
    assertThat(Jwks.claims(answer.string("access_token")).getIssuer()).as("iss of the delegated token")
        .isEqualTo(idp.issuer().toString());
  }
}
