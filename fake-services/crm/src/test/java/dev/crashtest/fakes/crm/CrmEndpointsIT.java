package dev.crashtest.fakes.crm;

import static dev.crashtest.fakes.crm.CrmClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class CrmEndpointsIT extends RunningCrmIT {

  @Test
  void get_account_answers_the_seeded_account() {
    HttpResponse<String> response = client.get("/accounts/ACME-001", token);

    assertThat(response.statusCode()).as("status of GET /accounts/ACME-001").isEqualTo(200);
    assertThat(response.body()).as("body of GET /accounts/ACME-001")
        .isEqualTo("{\"accountId\":\"ACME-001\",\"name\":\"Acme Corporation\",\"tier\":\"GOLD\","
            + "\"creditLimit\":100000.00}");
    assertThat(response.headers().firstValue("Content-Type")).as("content type")
        .hasValue("application/json; charset=utf-8");
  }

  @Test
  void every_seeded_account_can_be_read() {
    for (String account : new String[] {"ACME-001", "GLOBEX-002", "INITECH-003", "UMBRELLA-004"}) {
      assertThat(client.get("/accounts/" + account, token).statusCode()).as("status of account [%s]", account)
          .isEqualTo(200);
    }
  }

  @Test
  void unknown_account_is_not_found() {
    HttpResponse<String> response = client.get("/accounts/NOPE-999", token);

    assertThat(response.statusCode()).as("status").isEqualTo(404);
    assertThat(response.body()).as("body")
        .isEqualTo("{\"error\":\"not_found\",\"message\":\"unknown account [NOPE-999]\"}");
  }

  @Test
  void create_quote_prices_the_sku_and_numbers_quotes_in_order() {
    HttpResponse<String> first = createQuote("{\"accountId\":\"ACME-001\",\"sku\":\"LAPTOP-14\",\"quantity\":5}");
    HttpResponse<String> second = createQuote("{\"accountId\":\"GLOBEX-002\",\"sku\":\"HEADSET-PRO\",\"quantity\":2}");

    assertThat(first.statusCode()).as("status of the first quote").isEqualTo(201);
    assertThat(first.body()).as("first quote").isEqualTo("{\"quoteId\":\"Q-0001\",\"accountId\":\"ACME-001\","
        + "\"sku\":\"LAPTOP-14\",\"quantity\":5,\"unitPrice\":1299.00,\"total\":6495.00,\"status\":\"OPEN\"}");
    assertThat(json(second).get("quoteId").asText()).as("second quote id").isEqualTo("Q-0002");
    assertThat(json(second).get("total").decimalValue()).as("second quote total").isEqualByComparingTo("298.00");
  }

  @Test
  void get_quote_answers_the_stored_quote() {
    String created = createQuote("{\"accountId\":\"ACME-001\",\"sku\":\"MONITOR-27\",\"quantity\":1}").body();

    HttpResponse<String> response = client.get("/quotes/Q-0001", token);

    assertThat(response.statusCode()).as("status").isEqualTo(200);
    assertThat(response.body()).as("quote read back").isEqualTo(created);
    assertThat(client.get("/quotes/Q-0404", token).statusCode()).as("status of an unknown quote").isEqualTo(404);
  }

  @Test
  void unknown_sku_is_an_invalid_request_naming_the_known_skus() {
    HttpResponse<String> response = createQuote("{\"accountId\":\"ACME-001\",\"sku\":\"TOASTER-1\",\"quantity\":1}");

    assertThat(response.statusCode()).as("status").isEqualTo(400);
    assertThat(json(response).get("message").asText()).as("message")
        .isEqualTo("unknown sku [TOASTER-1]; the CRM sells LAPTOP-14, MONITOR-27, DOCK-USB-C, HEADSET-PRO");
  }

  @Test
  void malformed_or_incomplete_bodies_are_invalid_requests() {
    HttpResponse<String> malformed = createQuote("{not json");
    assertThat(malformed.statusCode()).as("status for malformed JSON").isEqualTo(400);
    assertThat(json(malformed).get("error").asText()).as("error for malformed JSON").isEqualTo("invalid_request");
    assertThat(json(malformed).get("message").asText()).as("message for malformed JSON")
        .startsWith("body is not valid JSON");
    assertThat(json(createQuote("{\"accountId\":\"ACME-001\",\"quantity\":1}")).get("message").asText())
        .as("missing sku").isEqualTo("missing field [sku]");
    assertThat(json(createQuote("{\"accountId\":\"ACME-001\",\"sku\":\"LAPTOP-14\",\"quantity\":0}"))
        .get("message").asText()).as("zero quantity")
        .isEqualTo("field [quantity] must be a whole number of at least 1, got 0");
    assertThat(createQuote("[1,2]").statusCode()).as("status for a JSON array body").isEqualTo(400);
    assertThat(crm.audit()).as("audit effects after refused writes").allSatisfy(r -> assertThat(r.effect()).isNull());
  }

  @Test
  void place_order_orders_the_quote_and_can_be_read_back() {
    createQuote("{\"accountId\":\"ACME-001\",\"sku\":\"DOCK-USB-C\",\"quantity\":3}");

    HttpResponse<String> placed = client.post("/orders", token, "{\"quoteId\":\"Q-0001\"}", null);

    assertThat(placed.statusCode()).as("status").isEqualTo(201);
    assertThat(placed.body()).as("order").isEqualTo("{\"orderId\":\"O-0001\",\"quoteId\":\"Q-0001\","
        + "\"accountId\":\"ACME-001\",\"total\":567.00,\"status\":\"PLACED\"}");
    assertThat(client.get("/orders/O-0001", token).body()).as("order read back").isEqualTo(placed.body());
    assertThat(json(client.get("/quotes/Q-0001", token)).get("status").asText()).as("quote status after ordering")
        .isEqualTo("ORDERED");
  }

  @Test
  void order_for_an_unknown_quote_is_not_found() {
    HttpResponse<String> response = client.post("/orders", token, "{\"quoteId\":\"Q-0042\"}", null);

    assertThat(response.statusCode()).as("status").isEqualTo(404);
    assertThat(json(response).get("message").asText()).as("message").isEqualTo("unknown quote [Q-0042]");
    assertThat(client.get("/orders/O-0001", token).statusCode()).as("status of GET unknown order").isEqualTo(404);
  }

  @Test
  void notes_are_added_and_listed_in_order() {
    HttpResponse<String> first = client.post("/accounts/INITECH-003/notes", token, "{\"text\":\"first\"}", null);
    client.post("/accounts/INITECH-003/notes", token, "{\"text\":\"second\"}", null);

    HttpResponse<String> list = client.get("/accounts/INITECH-003/notes", token);

    assertThat(first.statusCode()).as("status of add_note").isEqualTo(201);
    assertThat(first.body()).as("note").isEqualTo("{\"noteId\":\"N-0001\",\"accountId\":\"INITECH-003\",\"text\":\"first\"}");
    assertThat(list.statusCode()).as("status of list_notes").isEqualTo(200);
    assertThat(list.body()).as("notes").isEqualTo("[{\"noteId\":\"N-0001\",\"accountId\":\"INITECH-003\",\"text\":"
        + "\"first\"},{\"noteId\":\"N-0002\",\"accountId\":\"INITECH-003\",\"text\":\"second\"}]");
    assertThat(client.get("/accounts/UMBRELLA-004/notes", token).body()).as("notes of another account").isEqualTo("[]");
    assertThat(client.post("/accounts/NOPE/notes", token, "{\"text\":\"x\"}", null).statusCode())
        .as("status of a note for an unknown account").isEqualTo(404);
  }

  @Test
  void unknown_paths_and_wrong_methods_are_refused() {
    HttpResponse<String> unknown = client.get("/invoices/1", token);
    HttpResponse<String> wrongMethod = client.post("/accounts/ACME-001", token, "{}", null);

    assertThat(unknown.statusCode()).as("status of an unknown path").isEqualTo(404);
    assertThat(json(unknown).get("message").asText()).as("message")
        .isEqualTo("the CRM has no endpoint [GET /invoices/1]");
    assertThat(wrongMethod.statusCode()).as("status of POST on an account").isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow")).as("Allow header").hasValue("GET");
  }

  private HttpResponse<String> createQuote(String body) {
    return client.post("/quotes", token, body, null);
  }
}
