package dev.crashtest.fakes.crm;

import static dev.crashtest.fakes.crm.CrmClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CrmAuthenticationIT extends RunningCrmIT {

  @Test
  void request_without_token_is_refused_with_a_bearer_challenge() {
    HttpResponse<String> response = client.get("/accounts/ACME-001", null);

    assertInvalidToken(response, "missing bearer token: send the header Authorization: Bearer <access token>");
  }

  @Test
  void token_signed_by_a_foreign_key_is_refused() {
    String token = idp.token().signedBy(TestIdentity.newKey()).sign();

    assertInvalidToken(client.get("/accounts/ACME-001", token),
        "token rejected: Signed JWT rejected: Another algorithm expected, or no matching key(s) found");
  }

  @Test
  void token_expired_five_seconds_ago_is_refused_because_there_is_no_clock_skew() {
    String token = idp.token().expiringAt(Instant.now().minusSeconds(5)).sign();

    assertInvalidToken(client.get("/accounts/ACME-001", token), "token rejected: Expired JWT");
  }

  @Test
  void token_from_a_provider_30_seconds_ahead_is_accepted_but_not_one_from_two_minutes_ahead() {
    String slightlyAhead = idp.token().notBefore(Instant.now().plusSeconds(30)).sign();
    String farAhead = idp.token().notBefore(Instant.now().plusSeconds(120)).sign();

    assertThat(client.get("/accounts/ACME-001", slightlyAhead).statusCode()).as("30 s ahead").isEqualTo(200);
    HttpResponse<String> response = client.get("/accounts/ACME-001", farAhead);
    assertThat(response.statusCode()).as("120 s ahead").isEqualTo(401);
    assertThat(json(response).get("message").asText()).as("message").startsWith("token rejected: JWT before use"
        + " time: not valid before [").endsWith("], more than 60 s ahead of the CRM's clock; check the identity"
        + " provider's clock");
  }

  @Test
  void token_from_another_issuer_is_refused() {
    String token = idp.token().withIssuer("http://localhost:1").sign();

    assertInvalidToken(client.get("/accounts/ACME-001", token),
        "token rejected: issuer [http://localhost:1] is not the CRM's issuer [" + idp.issuer() + "]");
  }

  @Test
  void token_for_another_audience_is_refused() {
    String token = idp.token().withAudience("billing").sign();

    assertInvalidToken(client.get("/accounts/ACME-001", token), "token rejected: audience [billing] does not contain [crm]");
  }

  @Test
  void garbage_token_is_refused() {
    HttpResponse<String> response = client.get("/accounts/ACME-001", "not-a-jwt");

    assertThat(response.statusCode()).as("status").isEqualTo(401);
    assertThat(json(response).get("error").asText()).as("error").isEqualTo("invalid_token");
  }

  @Test
  void read_only_token_cannot_write() {
    String token = idp.token().withScope("crm.read").sign();

    HttpResponse<String> response = client.post("/accounts/ACME-001/notes", token, "{\"text\":\"hi\"}", "k-1");

    assertThat(response.statusCode()).as("status").isEqualTo(403);
    assertThat(response.body()).as("body").isEqualTo("{\"error\":\"insufficient_scope\",\"message\":"
        + "\"this call needs scope [crm.write]; the token grants [crm.read]\"}");
    assertThat(response.headers().firstValue("WWW-Authenticate")).as("challenge")
        .hasValue("Bearer error=\"insufficient_scope\", scope=\"crm.write\"");
    assertThat(client.get("/accounts/ACME-001/notes", token).body()).as("notes after the refused write")
        .isEqualTo("[]");
  }

  @Test
  void write_only_token_cannot_read() {
    String token = idp.token().withScope("crm.write").sign();

    HttpResponse<String> response = client.get("/accounts/ACME-001", token);

    assertThat(response.statusCode()).as("status").isEqualTo(403);
    assertThat(json(response).get("error").asText()).as("error").isEqualTo("insufficient_scope");
  }

  @Test
  void key_rotation_is_followed_by_fetching_the_jwks_again_on_an_unknown_key_id() {
    String before = idp.token().sign();
    assertThat(client.get("/accounts/ACME-001", before).statusCode()).as("status before rotation").isEqualTo(200);
    int fetchesBefore = idp.jwksFetches();

    idp.rotateKey();
    String after = idp.token().sign();

    assertThat(client.get("/accounts/ACME-001", after).statusCode()).as("status after rotation").isEqualTo(200);
    assertThat(idp.jwksFetches()).as("JWKS fetches after a token with an unknown key id")
        .isGreaterThan(fetchesBefore);
    idp.rotateKey();
    assertThat(client.get("/accounts/ACME-001", idp.token().sign()).statusCode())
        .as("status after a second rotation right away (no rate limit)").isEqualTo(200);
    assertThat(client.get("/accounts/ACME-001", before).statusCode()).as("status of a token of a retired key")
        .isEqualTo(401);
  }

  private static void assertInvalidToken(HttpResponse<String> response, String message) {
    assertThat(response.statusCode()).as("status").isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).as("WWW-Authenticate")
        .hasValue("Bearer error=\"invalid_token\"");
    assertThat(json(response).get("error").asText()).as("error").isEqualTo("invalid_token");
    assertThat(json(response).get("message").asText()).as("message").isEqualTo(message);
  }
}
