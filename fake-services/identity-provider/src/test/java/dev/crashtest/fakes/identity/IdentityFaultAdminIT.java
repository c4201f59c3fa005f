package dev.crashtest.fakes.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.crashtest.fakes.InjectedFault;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fault API over HTTP, {@code /__crashtest/faults}, as a harness in another process drives it. */
class IdentityFaultAdminIT {
  private static final String KNOWN_TYPES = "; known types: outage, token_endpoint_error, slow_token_endpoint";

  private final HttpClient http = HttpClient.newHttpClient();
  private IdentityProvider idp;
  private TokenClient client;

  @BeforeEach
  void start() {
    idp = IdentityProvider.builder().withClient("procurement-agent", "s3cret").start();
    client = new TokenClient(idp.tokenEndpoint());
  }

  @AfterEach
  void stop() {
    idp.close();
  }

  @Test
  void posted_fault_answers_201_with_id_and_description_and_applies() {
    HttpResponse<String> created =
        admin("POST", "/__crashtest/faults", "{\"type\":\"token_endpoint_error\",\"status\":503,\"forRequests\":1}");

    assertThat(created.statusCode()).as("status").isEqualTo(201);
    assertThat(created.body()).as("body").isEqualTo(
        "{\"id\":\"f-1\",\"description\":\"token endpoint answers 503 temporarily_unavailable, next 1 request\"}");
    assertThat(client.clientCredentials("procurement-agent", "s3cret", "crm.read").status()).as("first token")
        .isEqualTo(503);
    assertThat(client.clientCredentials("procurement-agent", "s3cret", "crm.read").status()).as("second token")
        .isEqualTo(200);
  }

  @Test
  void every_type_can_be_posted_and_get_lists_them() {
    admin("POST", "/__crashtest/faults", "{\"type\":\"outage\",\"forRequests\":2}");
    admin("POST", "/__crashtest/faults", "{\"type\":\"slow_token_endpoint\",\"delayMillis\":1200}");

    HttpResponse<String> listed = admin("GET", "/__crashtest/faults", null);

    assertThat(listed.statusCode()).as("status").isEqualTo(200);
    assertThat(listed.body()).as("body").isEqualTo("[{\"id\":\"f-1\",\"type\":\"outage\",\"description\":"
        + "\"every endpoint answers 503 temporarily_unavailable, next 2 requests\",\"hits\":0},{\"id\":\"f-2\","
        + "\"type\":\"slow_token_endpoint\",\"description\":\"token endpoint answers 1200 ms late, until healed\","
        + "\"hits\":0}]");
  }

  @Test
  void every_kind_posted_as_its_wire_form_is_injected_as_the_same_fault() {
    List<IdentityFault> faults = List.of(IdentityFault.outage().forRequests(2),
        IdentityFault.tokenEndpointError(502), IdentityFault.slowTokenEndpoint(Duration.ofMillis(1500)).forRequests(1));

    for (IdentityFault fault : faults) {
      HttpResponse<String> created =
          admin("POST", "/__crashtest/faults", JSONObjectUtils.toJSONString(fault.toWire()));
      assertThat(created.statusCode()).as("status of POST %s", fault.toWire()).isEqualTo(201);
      assertThat(message(created.body(), "description")).as("description answered for %s", fault)
          .isEqualTo(fault.describe());
    }
    assertThat(idp.faults().active()).as("active faults").extracting(InjectedFault::id)
        .containsExactly("f-1", "f-2", "f-3");
  }

  @Test
  void delete_by_id_heals_one_and_delete_all_heals_the_rest() {
    idp.faults().inject(IdentityFault.outage());
    idp.faults().inject(IdentityFault.tokenEndpointError(500));

    HttpResponse<String> one = admin("DELETE", "/__crashtest/faults/f-1", null);
    HttpResponse<String> again = admin("DELETE", "/__crashtest/faults/f-1", null);
    int tokenStatus = client.clientCredentials("procurement-agent", "s3cret", "crm.read").status();
    HttpResponse<String> all = admin("DELETE", "/__crashtest/faults", null);

    assertThat(one.statusCode()).as("status of DELETE f-1").isEqualTo(204);
    assertThat(again.statusCode()).as("status of DELETE f-1 again").isEqualTo(404);
    assertThat(again.body()).as("body of DELETE f-1 again")
        .isEqualTo("{\"error\":\"not_found\",\"message\":\"no active fault [f-1]; active: [f-2]\"}");
    assertThat(tokenStatus).as("token status with f-2 left").isEqualTo(500);
    assertThat(all.statusCode()).as("status of DELETE all").isEqualTo(204);
    assertThat(idp.faults().active()).as("active faults").isEmpty();
  }

  @Test
  void the_fault_api_works_during_an_outage() {
    idp.faults().inject(IdentityFault.outage());

    HttpResponse<String> healed = admin("DELETE", "/__crashtest/faults", null);

    assertThat(healed.statusCode()).as("status of healing during the outage").isEqualTo(204);
    assertThat(client.get(idp.discoveryUri()).status()).as("discovery afterwards").isEqualTo(200);
  }

  @Test
  void bad_input_is_400_naming_the_field_and_listing_the_known_types() {
    assertThat(message("{\"type\":\"blackout\"}")).as("unknown type")
        .isEqualTo("identity: unknown fault type [blackout]" + KNOWN_TYPES);
    assertThat(message("{\"forRequests\":1}")).as("missing type")
        .isEqualTo("identity: missing field [type]" + KNOWN_TYPES);
    assertThat(message("{\"type\":\"token_endpoint_error\"}")).as("missing status")
        .isEqualTo("identity: missing field [status]" + KNOWN_TYPES);
    assertThat(message("{\"type\":\"token_endpoint_error\",\"status\":401}")).as("bad status")
        .isEqualTo("identity: fault [status] 401 is not one of 500, 502, 503, 504" + KNOWN_TYPES);
    assertThat(message("{\"type\":\"slow_token_endpoint\",\"delayMillis\":\"2s\"}")).as("bad delay")
        .isEqualTo("identity: field [delayMillis] must be a whole number from 1 to 9223372036854775807, got \"2s\""
            + KNOWN_TYPES);
    assertThat(message("{\"type\":\"outage\",\"operation\":\"token\"}")).as("field of another fake")
        .isEqualTo("identity: field [operation] does not apply to fault type [outage], which takes"
            + " [type, forRequests]" + KNOWN_TYPES);
    assertThat(message("{\"type\":\"outage\",\"forRequests\":0}")).as("bad forRequests")
        .isEqualTo("identity: field [forRequests] must be a whole number from 1 to 2147483647, got 0" + KNOWN_TYPES);
    assertThat(message("not json")).as("not JSON")
        .isEqualTo("identity: body must be a JSON object, e.g. {\"type\":\"outage\"}" + KNOWN_TYPES);
    assertThat(idp.faults().active()).as("active faults after bad requests").isEmpty();
  }

  private String message(String body) {
    HttpResponse<String> answer = admin("POST", "/__crashtest/faults", body);
    assertThat(answer.statusCode()).as("status for " + body).isEqualTo(400);
    return message(answer.body(), "message");
  }

  private static String message(String json, String field) {
    try {
      return JSONObjectUtils.parse(json).get(field).toString();
    } catch (ParseException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  private HttpResponse<String> admin(String method, String path, String body) {
    HttpRequest.BodyPublisher publisher =
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    HttpRequest request = HttpRequest.newBuilder(URI.create(idp.baseUrl() + path)).method(method, publisher)
        .header("Content-Type", "application/json").build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError("cannot call " + method + " " + path + ": " + e, e);
    }
  }
}
