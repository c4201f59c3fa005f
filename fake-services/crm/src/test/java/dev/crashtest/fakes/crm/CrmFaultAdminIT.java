package dev.crashtest.fakes.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fault API over HTTP, {@code /__crashtest/faults}, as a harness in another process drives it. */
class CrmFaultAdminIT extends RunningCrmIT {
  private static final String KNOWN_TYPES = "; known types: server_error, slow, conflict, commit_then_drop";

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void posted_fault_answers_201_with_id_and_description_and_applies() {
    HttpResponse<String> created = admin("POST", "/__crashtest/faults",
        "{\"type\":\"server_error\",\"status\":503,\"operation\":\"get_account\",\"forRequests\":1}");

    assertThat(created.statusCode()).as("status").isEqualTo(201);
    assertThat(created.body()).as("body")
        .isEqualTo("{\"id\":\"f-1\",\"description\":\"503 server_error on get_account, next 1 request\"}");
    assertThat(client.get("/accounts/ACME-001", token).statusCode()).as("first read").isEqualTo(503);
    assertThat(client.get("/accounts/ACME-001", token).statusCode()).as("second read").isEqualTo(200);
  }

  @Test
  void every_type_can_be_posted_with_its_fields() {
    String[] bodies = {
      "{\"type\":\"slow\",\"delayMillis\":1500}",
      "{\"type\":\"conflict\",\"operation\":\"add_note\"}",
      "{\"type\":\"commit_then_drop\",\"operation\":\"place_order\",\"forRequests\":1}",
    };
    for (String body : bodies) {
      assertThat(admin("POST", "/__crashtest/faults", body).statusCode()).as("status for " + body).isEqualTo(201);
    }

    assertThat(crm.faults().active()).as("active faults").extracting(f -> f.description()).containsExactly(
        "answer 1500 ms late on every operation, until healed",
        "409 conflict on add_note, until healed",
        "commit then drop the response on place_order, next 1 request");
  }

  @Test
  void every_kind_posted_as_its_wire_form_is_injected_as_the_same_fault() throws Exception {
    List<CrmFault> faults = List.of(CrmFault.serverError(502).on("get_account").forRequests(2),
        CrmFault.slow(Duration.ofMillis(1500)), CrmFault.conflict().on("add_note"),
        CrmFault.commitThenDropResponse().on("place_order").forRequests(1));

    for (CrmFault fault : faults) {
      HttpResponse<String> created =
          admin("POST", "/__crashtest/faults", new ObjectMapper().writeValueAsString(fault.toWire()));
      assertThat(created.statusCode()).as("status of POST %s", fault.toWire()).isEqualTo(201);
      assertThat(CrmClient.json(created).get("description").asText()).as("description answered for %s", fault)
          .isEqualTo(fault.describe());
    }
    assertThat(crm.faults().active()).as("active faults").extracting(f -> f.id())
        .containsExactly("f-1", "f-2", "f-3", "f-4");
  }

  @Test
  void get_lists_the_active_faults_with_their_hits() {
    crm.faults().inject(CrmFault.conflict().on("get_account"));
    crm.faults().inject(CrmFault.serverError(500).forRequests(1)).heal();
    client.get("/accounts/ACME-001", token);

    HttpResponse<String> listed = admin("GET", "/__crashtest/faults", null);

    assertThat(listed.statusCode()).as("status").isEqualTo(200);
    assertThat(listed.body()).as("body").isEqualTo("[{\"id\":\"f-1\",\"type\":\"conflict\","
        + "\"description\":\"409 conflict on get_account, until healed\",\"hits\":1}]");
  }

  @Test
  void delete_by_id_heals_one_fault_and_an_unknown_id_is_404() {
    crm.faults().inject(CrmFault.conflict().on("get_account"));
    crm.faults().inject(CrmFault.conflict().on("get_quote"));

    HttpResponse<String> deleted = admin("DELETE", "/__crashtest/faults/f-1", null);
    HttpResponse<String> unknown = admin("DELETE", "/__crashtest/faults/f-1", null);

    assertThat(deleted.statusCode()).as("status of DELETE f-1").isEqualTo(204);
    assertThat(deleted.body()).as("body of DELETE f-1").isEmpty();
    assertThat(unknown.statusCode()).as("status of DELETE f-1 again").isEqualTo(404);
    assertThat(unknown.body()).as("body of DELETE f-1 again")
        .isEqualTo("{\"error\":\"not_found\",\"message\":\"no active fault [f-1]; active: [f-2]\"}");
    assertThat(crm.faults().active()).as("active faults").extracting(f -> f.id()).containsExactly("f-2");
  }

  @Test
  void delete_without_id_heals_every_fault() {
    crm.faults().inject(CrmFault.conflict());
    crm.faults().inject(CrmFault.serverError(502));

    HttpResponse<String> deleted = admin("DELETE", "/__crashtest/faults", null);

    assertThat(deleted.statusCode()).as("status").isEqualTo(204);
    assertThat(crm.faults().active()).as("active faults").isEmpty();
    assertThat(client.get("/accounts/ACME-001", token).statusCode()).as("read after healing").isEqualTo(200);
  }

  @Test
  void unknown_type_is_400_with_the_known_types() {
    HttpResponse<String> answer = admin("POST", "/__crashtest/faults", "{\"type\":\"explode\"}");

    assertThat(answer.statusCode()).as("status").isEqualTo(400);
    assertThat(answer.body()).as("body").isEqualTo("{\"error\":\"invalid_request\",\"message\":"
        + "\"crm: unknown fault type [explode]" + KNOWN_TYPES + "\"}");
  }

  @Test
  void bad_fields_are_400_naming_the_field() {
    assertThat(message("{\"operation\":\"place_order\"}")).as("missing type")
        .isEqualTo("crm: missing field [type]" + KNOWN_TYPES);
    assertThat(message("{\"type\":\"server_error\"}")).as("missing status")
        .isEqualTo("crm: missing field [status]" + KNOWN_TYPES);
    assertThat(message("{\"type\":\"server_error\",\"status\":418}")).as("bad status")
        .isEqualTo("crm: fault [status] 418 is not one of 500, 502, 503, 504" + KNOWN_TYPES);
    assertThat(message("{\"type\":\"slow\",\"delayMillis\":\"soon\"}")).as("bad delay")
        .isEqualTo("crm: field [delayMillis] must be a whole number from 1 to 9223372036854775807, got \"soon\""
            + KNOWN_TYPES);
    assertThat(message("{\"type\":\"conflict\",\"status\":409}")).as("field of another type")
        .isEqualTo("crm: field [status] does not apply to fault type [conflict], which takes"
            + " [type, operation, forRequests]" + KNOWN_TYPES);
    assertThat(message("{\"type\":\"conflict\",\"operation\":\"order\"}")).as("unknown operation")
        .isEqualTo("crm: fault [operation] [order] is not a CRM operation; known operations: get_account,"
            + " create_quote, get_quote, place_order, get_order, add_note, list_notes" + KNOWN_TYPES);
    assertThat(message("{\"type\":\"conflict\",\"forRequests\":0}")).as("bad forRequests")
        .isEqualTo("crm: field [forRequests] must be a whole number from 1 to 2147483647, got 0" + KNOWN_TYPES);
    assertThat(message("[1]")).as("not an object")
        .isEqualTo("crm: body must be a JSON object, e.g. {\"accountId\": \"ACME-001\"}" + KNOWN_TYPES);
    assertThat(crm.faults().active()).as("active faults after bad requests").isEmpty();
  }

  @Test
  void admin_calls_are_neither_faulted_nor_audited() {
    crm.faults().inject(CrmFault.serverError(503));

    assertThat(admin("GET", "/__crashtest/faults", null).statusCode()).as("status under a fault").isEqualTo(200);
    assertThat(crm.audit()).as("audit").isEmpty();
  }

  private String message(String body) {
    HttpResponse<String> answer = admin("POST", "/__crashtest/faults", body);
    assertThat(answer.statusCode()).as("status for " + body).isEqualTo(400);
    return CrmClient.json(answer).get("message").asText();
  }

  private HttpResponse<String> admin(String method, String path, String body) {
    HttpRequest.BodyPublisher publisher =
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    HttpRequest request = HttpRequest.newBuilder(URI.create(crm.baseUrl() + path)).method(method, publisher)
        .header("Content-Type", "application/json").build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError("cannot call " + method + " " + path + ": " + e, e);
    }
  }
}
