package dev.crashtest.fakes.stub;

import static dev.crashtest.fakes.stub.StubClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.fakes.ServiceEvent;
import dev.crashtest.fakes.ServiceEvent.Outcome;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Each service under its own prefix, answered by its own stubs, every request one event. */
class StubServingIT extends RunningStubsIT {

  @Test
  void a_service_sees_the_path_without_its_prefix_and_its_stub_answers_with_templating() {
    HttpResponse<String> response = new StubClient(stubs.serviceUrl("orders")).get("/orders/ORD-1001", ordersToken);

    assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(200);
    assertThat(response.body()).as("body").isEqualTo("{\"orderId\":\"ORD-1001\",\"status\":\"LOST\"}");
    assertThat(stubs.serviceUrl("orders")).as("service URL").hasToString(stubs.baseUrl() + "/orders");
  }

  @Test
  void a_read_is_an_event_of_the_service_named_by_the_tool_and_the_token() {
    client.get("/orders/orders/ORD-1001", ordersToken);

    assertThat(events).as("events").extracting(ServiceEvent::service, ServiceEvent::actor, ServiceEvent::operation,
        ServiceEvent::outcome).containsExactly(org.assertj.core.api.Assertions.tuple("orders", "agent-7", "get_order",
            Outcome.OK));
    assertThat(events.get(0).details()).as("details")
        .containsEntry("method", "GET").containsEntry("path", "/orders/ORD-1001").containsEntry("status", 200)
        .containsEntry("user", "alice").containsEntry("delegated", true).containsEntry("actorSource", "act")
        .containsEntry("scope", "orders.read").containsEntry("replayed", false).doesNotContainKey("effectType");
  }

  @Test
  void a_service_in_wiremocks_own_layout_answers_from_its_body_files() {
    HttpResponse<String> response = client.get("/refunds/refunds/R-KNOWN", refundsToken);

    assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(200);
    assertThat(json(response).path("state").asText()).as("state from __files/refund.json").isEqualTo("PAID");
    assertThat(events.get(0).operation()).as("operation of a call no tool declares").isEqualTo("unknown");
  }

  @Test
  void a_path_no_stub_matches_is_404_no_stub() {
    HttpResponse<String> response = client.get("/orders/customers/C-1", ordersToken);

    assertThat(response.statusCode()).as("status").isEqualTo(404);
    assertThat(json(response).path("error").asText()).as("error").isEqualTo("no_stub");
    assertThat(json(response).path("message").asText()).as("message").startsWith(
        "service [orders] has no stub for [GET /customers/C-1]; add a WireMock mapping for it to [");
  }

  @Test
  void an_unknown_service_is_404_naming_the_services() {
    HttpResponse<String> response = client.get("/billing/invoices", ordersToken);

    assertThat(response.statusCode()).as("status").isEqualTo(404);
    assertThat(response.body()).as("body").isEqualTo("{\"error\":\"not_found\",\"message\":\"no service [billing]"
        + " here; services: orders, refunds, e.g. /orders/...\"}");
  }
}
