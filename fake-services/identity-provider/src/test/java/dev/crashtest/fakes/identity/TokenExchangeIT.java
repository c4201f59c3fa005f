package dev.crashtest.fakes.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenExchangeIT {
  private final MutableClock clock = MutableClock.startingNow();
  private IdentityProvider idp;
  private TokenClient client;
  private String secret;

  @BeforeEach
  void start() {
    idp = IdentityProvider.builder().withClock(clock).withSeed(7).start();
    client = new TokenClient(idp.tokenEndpoint());
    secret = idp.registerClient("procurement-agent");
  }

  @AfterEach
  void stop() {
    idp.close();
  }

  @Test
  void client_credentials_gives_the_client_its_own_token() {
    TokenClient.Answer answer = client.clientCredentials("procurement-agent", secret, "crm.read");

    assertThat(answer.status()).as("status of %s", answer.json()).isEqualTo(200);
    assertThat(answer.json()).as("answer").containsEntry("token_type", "Bearer").containsEntry("expires_in", 300L);
    JWTClaimsSet claims = Jwks.fetch(client, idp).verify(answer.string("access_token")).orElseThrow();
    assertThat(claims.getSubject()).as("sub").isEqualTo("procurement-agent");
    assertThat(claims.getClaim("client_id")).as("client_id").isEqualTo("procurement-agent");
    assertThat(claims.getClaim("scope")).as("scope").isEqualTo("crm.read");
    assertThat(claims.getIssuer()).as("iss").isEqualTo(idp.issuer().toString());
  }

  @Test
  void token_exchange_names_the_user_as_sub_and_the_agent_as_act() throws Exception {
    String userToken = idp.issueUserToken("alice", Set.of("crm.read", "crm.write"));

    TokenClient.Answer answer = client.exchange("procurement-agent", secret, userToken);

    assertThat(answer.status()).as("status of %s", answer.json()).isEqualTo(200);
    assertThat(answer.json())
        .as("answer")
        .containsEntry("token_type", "Bearer")
        .containsEntry("expires_in", 300L)
        .containsEntry("issued_token_type", "urn:ietf:params:oauth:token-type:access_token")
        .containsEntry("scope", "crm.read crm.write");
    String token = answer.string("access_token");
    JWTClaimsSet claims =
        Jwks.fetch(client, idp).verify(token).orElseThrow(() -> new AssertionError("signature does not verify"));
    assertThat(claims.getSubject()).as("sub").isEqualTo("alice");
    assertThat(claims.getJSONObjectClaim("act")).as("act").isEqualTo(Map.of("sub", "procurement-agent"));
    assertThat(claims.getClaim("scope")).as("scope").isEqualTo("crm.read crm.write");
    assertThat(claims.getAudience()).as("aud").containsExactly("crm");
    assertThat(claims.getIssuer()).as("iss").isEqualTo(idp.issuer().toString());
    assertThat(claims.getJWTID()).as("jti").isNotBlank().isNotEqualTo(Jwks.claims(userToken).getJWTID());
    assertThat(claims.getExpirationTime())
        .as("exp")
        .isEqualTo(Date.from(claims.getIssueTime().toInstant().plusSeconds(300)));
    assertThat(SignedJWT.parse(token).getHeader().getKeyID()).as("kid").isEqualTo(idp.signingKeyId());
  }

  @Test
  void exchange_narrows_the_scope_to_what_the_user_holds() {
    String userToken = idp.issueUserToken("bob", Set.of("crm.read"));

    TokenClient.Answer answer = client.exchange("procurement-agent", secret, userToken);

    assertThat(answer.status()).as("status of %s", answer.json()).isEqualTo(200);
    assertThat(Jwks.claims(answer.string("access_token")).getClaim("scope")).as("scope").isEqualTo("crm.read");
  }

  @Test
  void exchange_for_scopes_the_user_does_not_hold_is_refused() {
    String userToken = idp.issueUserToken("bob", Set.of("crm.read"));

    TokenClient.Answer answer =
        client.post(
            TokenClient.basic("procurement-agent", secret), TokenClient.exchangeForm(userToken, "crm.admin"));

    assertThat(answer.status()).as("status").isEqualTo(400);
    assertThat(answer.json())
        .as("answer")
        .containsEntry("error", "invalid_scope")
        .containsEntry(
            "error_description",
            "user [bob] holds none of the requested scopes [crm.admin]; the token allows [crm.read]");
  }

  @Test
  void forged_subject_token_signed_by_a_foreign_key_is_refused() throws Exception {
    RSAKey foreign = new RSAKeyGenerator(2048).keyID(idp.signingKeyId()).generate();
    JWTClaimsSet claims = Jwks.claims(idp.issueUserToken("alice", Set.of("crm.read", "crm.write")));
    SignedJWT forged =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(foreign.getKeyID()).build(), claims);
    forged.sign(new RSASSASigner(foreign));

    TokenClient.Answer answer = client.exchange("procurement-agent", secret, forged.serialize());

    assertThat(answer.status()).as("status").isEqualTo(400);
    assertThat(answer.json())
        .as("answer")
        .containsEntry("error", "invalid_grant")
        .containsEntry(
            "error_description", "subject_token has an invalid signature for key [" + idp.signingKeyId() + "]");
  }

  @Test
  void forged_subject_token_with_an_unknown_key_id_is_refused() throws Exception {
    RSAKey foreign = new RSAKeyGenerator(2048).keyID("attacker").generate();
    JWTClaimsSet claims = Jwks.claims(idp.issueUserToken("alice", Set.of("crm.read")));
    SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker").build(), claims);
    forged.sign(new RSASSASigner(foreign));

    TokenClient.Answer answer = client.exchange("procurement-agent", secret, forged.serialize());

    assertThat(answer.status()).as("status").isEqualTo(400);
    assertThat(answer.json())
        .as("answer")
        .containsEntry("error", "invalid_grant")
        .containsEntry(
            "error_description",
            "subject_token is signed by key [attacker], which this issuer does not publish"
                + " (a foreign key, or one rotated out)");
  }

  @Test
  void expired_subject_token_is_refused() {
    String userToken = idp.issueUserToken("alice", Set.of("crm.read"), Duration.ofSeconds(60));
    String expiry = Jwks.claims(userToken).getExpirationTime().toInstant().toString();
    clock.advance(Duration.ofSeconds(61));

    TokenClient.Answer answer = client.exchange("procurement-agent", secret, userToken);

    assertThat(answer.status()).as("status").isEqualTo(400);
    assertThat(answer.json())
        .as("answer")
        .containsEntry("error", "invalid_grant")
        .containsEntry("error_description", "subject_token expired at [" + expiry + "]");
  }

  @Test
  void subject_token_that_is_not_a_jwt_is_refused() {
    TokenClient.Answer answer = client.exchange("procurement-agent", secret, "not-a-token");

    assertThat(answer.status()).as("status").isEqualTo(400);
    assertThat(answer.json())
        .as("answer")
        .containsEntry("error", "invalid_grant")
        .containsEntry("error_description", "subject_token is not a signed JWT");
  }

  @Test
  void exchange_without_audience_is_refused_with_an_example() {
    String userToken = idp.issueUserToken("alice", Set.of("crm.read"));
    Map<String, String> form = new LinkedHashMap<>(TokenClient.exchangeForm(userToken, "crm.read"));
    form.remove("audience");

    TokenClient.Answer answer = client.post(TokenClient.basic("procurement-agent", secret), form);

    assertThat(answer.status()).as("status").isEqualTo(400);
    assertThat(answer.json())
        .as("answer")
        .containsEntry("error", "invalid_request")
        .containsEntry("error_description", "missing parameter [audience], e.g. audience=crm");
  }

  @Test
  void unsupported_grant_type_is_refused() {
    TokenClient.Answer answer =
        client.post(TokenClient.basic("procurement-agent", secret), Map.of("grant_type", "password"));

    assertThat(answer.status()).as("status").isEqualTo(400);
    assertThat(answer.json())
        .as("answer")
        .containsEntry("error", "unsupported_grant_type")
        .containsEntry(
            "error_description",
            "grant_type [password] is not supported; use [client_credentials] or"
                + " [urn:ietf:params:oauth:grant-type:token-exchange]");
  }

  @Test
  void a_delegated_token_can_be_exchanged_again_and_nests_the_first_actor() {
    String userToken = idp.issueUserToken("alice", Set.of("crm.read"));
    String delegated = client.exchange("procurement-agent", secret, userToken).string("access_token");
    String otherSecret = idp.registerClient("sub-agent");

    TokenClient.Answer answer = client.exchange("sub-agent", otherSecret, delegated);

    assertThat(answer.status()).as("status of %s", answer.json()).isEqualTo(200);
    JWTClaimsSet claims = Jwks.claims(answer.string("access_token"));
    assertThat(claims.getClaim("act"))
        .as("act")
        .isEqualTo(Map.of("sub", "sub-agent", "act", Map.of("sub", "procurement-agent")));
    assertThat(claims.getSubject()).as("sub").isEqualTo("alice");
  }
}
