package dev.crashtest.fakes.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The identity admin API, {@code /__crashtest/identity}, on a provider started by {@link IdentityProviderMain}'s
 * own option parsing, as a harness drives one in a container: every route, and what it changes for a client.
 */
class IdentityAdminIT {
  private static final String ADMIN = "/__crashtest/identity";

  private IdentityProvider idp;
  private AdminCalls admin;
  private TokenClient client;

  @BeforeEach
  void start() {
    idp = IdentityProviderMain.start(new String[] {"--port", "0", "--public-url", "http://127.0.0.1:41003"});
    admin = new AdminCalls(idp.baseUrl());
    client = new TokenClient(URI.create(idp.baseUrl() + "/crashtest/token"));
  }

  @AfterEach
  void stop() {
    idp.close();
  }

  @Test
  void a_registered_client_authenticates_with_its_secret_and_a_second_registration_is_a_conflict() {
    Map<String, Object> created = admin.json("POST", ADMIN + "/clients", "{\"clientId\":\"naive-agent\"}", 201);
    Map<String, Object> chosen =
        admin.json("POST", ADMIN + "/clients", "{\"clientId\":\"other-agent\",\"secret\":\"s3cret\"}", 201);
    HttpResponse<String> again = admin.send("POST", ADMIN + "/clients", "{\"clientId\":\"naive-agent\"}");

    assertThat(created).as("answer").containsOnlyKeys("clientId", "secret").containsEntry("clientId", "naive-agent");
    assertThat((String) created.get("secret")).as("generated secret").startsWith("ctsec_");
    assertThat(client.clientCredentials("naive-agent", (String) created.get("secret"), "crm.read").status())
        .as("token status with the answered secret").isEqualTo(200);
    assertThat(chosen).as("answer with a chosen secret")
        .isEqualTo(Map.of("clientId", "other-agent", "secret", "s3cret"));
    assertThat(again.statusCode()).as("status of a second registration").isEqualTo(409);
    assertThat(again.body()).as("body of a second registration").isEqualTo("{\"error\":\"conflict\",\"message\":"
        + "\"identity: client [naive-agent] is already registered; to give it a new secret call"
        + " idp.rotateClientSecret(\\\"naive-agent\\\")\"}");
  }

  @Test
  void a_rotated_secret_replaces_the_old_one_at_once_or_after_its_grace() {
    String first = (String) admin.json("POST", ADMIN + "/clients", "{\"clientId\":\"naive-agent\"}", 201)
        .get("secret");

    String second = (String) admin.json("POST", ADMIN + "/clients/naive-agent/secret", "", 200).get("secret");
    String third = (String) admin.json("POST", ADMIN + "/clients/naive-agent/secret", "{\"graceMillis\":60000}", 200)
        .get("secret");
    HttpResponse<String> unknown = admin.send("POST", ADMIN + "/clients/ghost/secret", "{}");

    assertThat(client.clientCredentials("naive-agent", first, "crm.read").status()).as("first secret, no grace")
        .isEqualTo(401);
    assertThat(client.clientCredentials("naive-agent", second, "crm.read").status()).as("second secret, in grace")
        .isEqualTo(200);
    assertThat(client.clientCredentials("naive-agent", third, "crm.read").status()).as("third secret")
        .isEqualTo(200);
    assertThat(unknown.statusCode()).as("status for an unknown client").isEqualTo(400);
    assertThat(AdminCalls.parse(unknown.body())).as("body for an unknown client").containsEntry("message",
        "identity: unknown client [ghost]; register it first: idp.registerClient(\"ghost\")");
  }

  @Test
  void a_user_token_names_the_user_and_sorted_scopes_under_the_public_issuer() throws Exception {
    String token = (String) admin.json("POST", ADMIN + "/user-tokens",
        "{\"user\":\"alice\",\"scopes\":[\"crm.write\",\"crm.read\"],\"lifetimeMillis\":60000}", 201).get("token");

    JWTClaimsSet claims = Jwks.claims(token);
    assertThat(claims.getSubject()).as("sub").isEqualTo("alice");
    assertThat(claims.getStringClaim("scope")).as("scope").isEqualTo("crm.read crm.write");
    assertThat(claims.getIssuer()).as("iss, from --public-url").isEqualTo("http://127.0.0.1:41003/crashtest");
    assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).as("lifetime in ms")
        .isEqualTo(60_000);
  }

  @Test
  void signing_key_rotation_answers_the_kid_that_signs_from_then_on_and_keeps_the_old_one_for_its_grace() {
    String initial = (String) admin.json("GET", ADMIN + "/signing-key", null, 200).get("kid");
    String dropped = (String) admin.json("POST", ADMIN + "/signing-key", null, 200).get("kid");
    String kept = (String) admin.json("POST", ADMIN + "/signing-key", "{\"graceMillis\":60000}", 200).get("kid");

    assertThat(admin.json("GET", ADMIN + "/signing-key", null, 200)).as("current key")
        .isEqualTo(Map.of("kid", kept));
    assertThat(idp.signingKeyId()).as("signingKeyId()").isEqualTo(kept);
    List<?> published = (List<?>) client.get(URI.create(idp.baseUrl() + "/crashtest/jwks")).json().get("keys");
    List<String> kids = published.stream().map(key -> (String) ((Map<?, ?>) key).get("kid")).toList();
    assertThat(kids).as("published keys").containsExactly(kept, dropped).doesNotContain(initial);
  }

  @Test
  void delegated_token_lifetime_is_read_and_set_for_later_exchanges() {
    Map<String, Object> before = admin.json("GET", ADMIN + "/delegated-token-lifetime", null, 200);
    HttpResponse<String> set = admin.send("PUT", ADMIN + "/delegated-token-lifetime", "{\"millis\":2000}");
    Map<String, Object> after = admin.json("GET", ADMIN + "/delegated-token-lifetime", null, 200);

    assertThat(before).as("before").isEqualTo(Map.of("millis", 300_000L, "defaultMillis", 300_000L));
    assertThat(set.statusCode()).as("status of PUT").isEqualTo(204);
    assertThat(after).as("after").isEqualTo(Map.of("millis", 2_000L, "defaultMillis", 300_000L));
    assertThat(exchange().json()).as("exchange answer").containsEntry("expires_in", 2L);
  }

  @Test
  void a_withdrawn_scope_is_no_longer_granted_and_a_revoked_delegation_is_refused() {
    String userToken = userToken();
    HttpResponse<String> withdrawn = admin.send("POST", ADMIN + "/withdrawals",
        "{\"user\":\"alice\",\"agent\":\"naive-agent\",\"scope\":\"crm.write\"}");
    TokenClient.Answer narrowed = exchange(userToken);
    HttpResponse<String> revoked =
        admin.send("POST", ADMIN + "/revocations", "{\"user\":\"alice\",\"agent\":\"naive-agent\"}");
    TokenClient.Answer refused = exchange(userToken);

    assertThat(withdrawn.statusCode()).as("status of the withdrawal").isEqualTo(204);
    assertThat(narrowed.json()).as("exchange after the withdrawal").containsEntry("scope", "crm.read");
    assertThat(revoked.statusCode()).as("status of the revocation").isEqualTo(204);
    assertThat(refused.status()).as("status of an exchange after the revocation").isEqualTo(400);
    assertThat(refused.json()).as("exchange after the revocation").containsEntry("error", "invalid_grant");
  }

  @Test
  void clock_offset_is_set_and_read_back() {
    HttpResponse<String> set = admin.send("PUT", ADMIN + "/clock-offset", "{\"millis\":-300000}");

    assertThat(set.statusCode()).as("status of PUT").isEqualTo(204);
    assertThat(admin.json("GET", ADMIN + "/clock-offset", null, 200)).as("read back")
        .isEqualTo(Map.of("millis", -300_000L));
    assertThat(idp.clockOffset()).as("clockOffset()").hasMinutes(-5);
  }

  @Test
  void the_identity_admin_works_during_an_outage() {
    idp.faults().inject(IdentityFault.outage());

    HttpResponse<String> created = admin.send("POST", ADMIN + "/clients", "{\"clientId\":\"naive-agent\"}");

    assertThat(created.statusCode()).as("status of registering during the outage").isEqualTo(201);
    assertThat(idp.faults().active()).as("the outage is still there, untouched")
        .singleElement().matches(fault -> fault.hits() == 0, "no hits");
  }

  @Test
  void a_bad_body_is_400_naming_the_field_with_a_body_that_works() {
    assertThat(message("POST", "/clients", "{}")).as("missing clientId")
        .isEqualTo("identity: missing field [clientId], e.g. {\"clientId\":\"naive-agent\"}");
    assertThat(message("POST", "/clients", "{\"clientId\":\"a\",\"scope\":\"x\"}")).as("unknown field")
        .isEqualTo("identity: field [scope] is not taken here, which takes [clientId, secret],"
            + " e.g. {\"clientId\":\"naive-agent\"}");
    assertThat(message("POST", "/user-tokens", "{\"user\":\"alice\",\"scopes\":\"crm.read\"}")).as("scopes")
        .isEqualTo("identity: field [scopes] must be a list of non-blank strings, got \"crm.read\","
            + " e.g. {\"user\":\"alice\",\"scopes\":[\"crm.read\",\"crm.write\"]}");
    assertThat(message("POST", "/user-tokens", "{\"user\":\"alice\",\"scopes\":[],\"lifetimeMillis\":0}"))
        .as("lifetimeMillis").isEqualTo("identity: field [lifetimeMillis] must be a whole number from 1 to"
            + " 9223372036854775807, got 0, e.g. {\"user\":\"alice\",\"scopes\":[\"crm.read\",\"crm.write\"]}");
    assertThat(message("POST", "/signing-key", "{\"graceMillis\":-1}")).as("graceMillis")
        .isEqualTo("identity: field [graceMillis] must be a whole number from 0 to 9223372036854775807, got -1,"
            + " e.g. {\"graceMillis\":30000}");
    assertThat(message("PUT", "/delegated-token-lifetime", "{\"millis\":1.5}")).as("millis")
        .isEqualTo("identity: field [millis] must be a whole number from 1 to 9223372036854775807, got 1.5,"
            + " e.g. {\"millis\":2000}");
    assertThat(message("POST", "/withdrawals", "{\"user\":\"alice\",\"agent\":\"\",\"scope\":\"crm.write\"}"))
        .as("blank agent").isEqualTo("identity: field [agent] must be a non-blank string, got \"\","
            + " e.g. {\"user\":\"alice\",\"agent\":\"naive-agent\",\"scope\":\"crm.write\"}");
    assertThat(message("PUT", "/clock-offset", "minus five")).as("not JSON")
        .isEqualTo("identity: body must be a JSON object, e.g. {\"millis\":300000}");
  }

  @Test
  void an_unknown_route_is_404_and_a_wrong_method_405_naming_what_exists() {
    HttpResponse<String> unknown = admin.send("POST", ADMIN + "/tokens", "{}");
    HttpResponse<String> wrongMethod = admin.send("DELETE", ADMIN + "/clock-offset", null);

    assertThat(unknown.statusCode()).as("status of an unknown route").isEqualTo(404);
    assertThat(AdminCalls.parse(unknown.body())).as("body of an unknown route").containsEntry("message",
        "identity: no admin route [POST /__crashtest/identity/tokens]; routes under /__crashtest/identity:"
            + " POST clients, POST clients/{clientId}/secret, POST user-tokens, GET|POST signing-key,"
            + " GET|PUT delegated-token-lifetime, POST revocations, POST withdrawals, GET|PUT clock-offset");
    assertThat(wrongMethod.statusCode()).as("status of a wrong method").isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow")).as("Allow").hasValue("GET, PUT");
    assertThat(AdminCalls.parse(wrongMethod.body())).as("body of a wrong method")
        .containsEntry("message", "identity: this admin route answers only GET, PUT");
  }

  private String message(String method, String route, String body) {
    HttpResponse<String> answer = admin.send(method, ADMIN + route, body);
    assertThat(answer.statusCode()).as("status of %s %s %s", method, route, body).isEqualTo(400);
    assertThat(answer.body()).as("one line").doesNotContain("\n");
    Map<String, Object> json = AdminCalls.parse(answer.body());
    assertThat(json).as("error").containsEntry("error", "invalid_request");
    return (String) json.get("message");
  }

  private String userToken() {
    admin.json("POST", ADMIN + "/clients", "{\"clientId\":\"naive-agent\",\"secret\":\"s3cret\"}", 201);
    return (String) admin.json("POST", ADMIN + "/user-tokens",
        "{\"user\":\"alice\",\"scopes\":[\"crm.read\",\"crm.write\"]}", 201).get("token");
  }

  private TokenClient.Answer exchange() {
    return exchange(userToken());
  }

  private TokenClient.Answer exchange(String userToken) {
    return client.exchange("naive-agent", "s3cret", userToken);
  }
}
