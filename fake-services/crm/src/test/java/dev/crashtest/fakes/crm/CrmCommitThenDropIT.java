package dev.crashtest.fakes.crm;

import static dev.crashtest.fakes.crm.CrmClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.ServiceEvent;
import dev.crashtest.fakes.ServiceEvent.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fault that exposes a missing Idempotency-Key: the write is committed, the answer never arrives. */
class CrmCommitThenDropIT extends RunningCrmIT {
  private static final String ORDER = "{\"quoteId\":\"Q-0001\"}";

  @BeforeEach
  void prepare() {
    client.post("/quotes", token, CrmFaultsIT.QUOTE, "t/2/create_quote");
    events.clear();
  }

  @Test
  void commit_then_drop_commits_the_order_and_the_client_sees_the_connection_closed() {
    crm.faults().inject(CrmFault.commitThenDropResponse().on("place_order").forRequests(1));

    assertThatThrownBy(() -> placeOrderOnANewConnection("t/4/place_order"))
        .as("what java.net.http.HttpClient sees")
        .isInstanceOf(IOException.class)
        .hasMessage("HTTP/1.1 header parser received no bytes");
    assertThat(effects()).as("effects").containsExactly("quote Q-0001", "order O-0001");
    assertThat(client.get("/orders/O-0001", token).statusCode()).as("status of reading the order").isEqualTo(200);
  }

  @Test
  void commit_then_drop_sends_not_a_single_byte() throws IOException {
    crm.faults().inject(CrmFault.commitThenDropResponse().on("place_order"));

    try (Socket socket = new Socket("127.0.0.1", crm.port())) {
      socket.setSoTimeout(10_000);
      String request = "POST /orders HTTP/1.1\r\nHost: 127.0.0.1:" + crm.port() + "\r\nAuthorization: Bearer "
          + token + "\r\nContent-Type: application/json\r\nContent-Length: " + ORDER.length() + "\r\n\r\n" + ORDER;
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();

      assertThat(in.readAllBytes()).as("bytes answered before the CRM closed the connection").isEmpty();
    }
    assertThat(effects()).as("effects").containsExactly("quote Q-0001", "order O-0001");
  }

  @Test
  void retry_with_the_same_key_after_a_dropped_answer_is_replayed_with_a_single_effect() throws Exception {
    InjectedFault drop = crm.faults().inject(CrmFault.commitThenDropResponse().on("place_order").forRequests(1));
    assertThatThrownBy(() -> placeOrderOnANewConnection("t/4/place_order")).isInstanceOf(IOException.class);

    HttpResponse<String> retried = client.post("/orders", token, ORDER, "t/4/place_order");

    assertThat(retried.statusCode()).as("status of the retry").isEqualTo(201);
    assertThat(retried.headers().firstValue("Idempotent-Replayed")).as("replay header").hasValue("true");
    assertThat(json(retried).get("orderId").asText()).as("order id of the retry").isEqualTo("O-0001");
    assertThat(effects()).as("effects").containsExactly("quote Q-0001", "order O-0001");
    assertThat(client.get("/orders/O-0002", token).statusCode()).as("status of a second order").isEqualTo(404);
    assertThat(drop.active()).as("fault after its one request").isFalse();
    assertThat(crm.audit()).as("audit of place_order").filteredOn(r -> r.operation().equals("place_order"))
        .extracting(AuditRecord::status, AuditRecord::replayed, AuditRecord::fault)
        .containsExactly(tuple(201, false, "commit_then_drop"),
            tuple(201, true, null));
  }

  @Test
  void retry_without_a_key_after_a_dropped_answer_places_a_second_order() throws Exception {
    crm.faults().inject(CrmFault.commitThenDropResponse().on("place_order").forRequests(1));
    assertThatThrownBy(() -> placeOrderOnANewConnection(null)).isInstanceOf(IOException.class);

    HttpResponse<String> retried = client.post("/orders", token, ORDER, null);

    assertThat(json(retried).get("orderId").asText()).as("order id of the naive retry").isEqualTo("O-0002");
    assertThat(effects()).as("effects").containsExactly("quote Q-0001", "order O-0001", "order O-0002");
  }

  @Test
  void dropped_answer_is_published_as_ok_with_the_fault_and_response_dropped() {
    crm.faults().inject(CrmFault.commitThenDropResponse().on("place_order").forRequests(1));

    assertThatThrownBy(() -> placeOrderOnANewConnection("t/4/place_order")).isInstanceOf(IOException.class);

    assertThat(events).as("events").extracting(ServiceEvent::operation, ServiceEvent::outcome)
        .containsExactly(tuple("place_order", Outcome.OK));
    assertThat(events.get(0).details()).as("event details")
        .containsEntry("fault", "commit_then_drop").containsEntry("responseDropped", true)
        .containsEntry("status", 201).containsEntry("effectType", "order").containsEntry("effectId", "O-0001")
        .containsEntry("effectKey", "ACME-001").as("an order is gated").containsEntry("needsApproval", true);
    assertThat(json(client.get("/audit", null)).get(1).get("fault").asText()).as("fault in GET /audit")
        .isEqualTo("commit_then_drop");
  }

  /** A fresh client, so the drop hits a new connection: no pooled-connection retry can hide it. */
  private HttpResponse<String> placeOrderOnANewConnection(String key) throws IOException, InterruptedException {
    HttpClient fresh = HttpClient.newHttpClient();
    return fresh.send(client.postRequest("/orders", token, ORDER, key), HttpResponse.BodyHandlers.ofString());
  }

  private List<String> effects() {
    return crm.audit().stream().filter(r -> r.effect() != null)
        .map(r -> r.effect().type() + " " + r.effect().id()).toList();
  }
}
