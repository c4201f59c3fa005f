package dev.crashtest.fakes.crm;

import static dev.crashtest.fakes.crm.CrmClient.json;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.crashtest.fakes.testing.EventSinkServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRM as the harness drives it in a container: started by {@link CrmServerMain}'s own option parsing (in this
 * JVM) with {@code --introspection-uri} and {@code --events-url}, agent addresses and faults asked for over HTTP.
 */
class CrmOverHttpIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUOTE = "{\"accountId\":\"ACME-001\",\"sku\":\"LAPTOP-14\",\"quantity\":5}";

  @TempDir Path dataDir;
  private final AtomicInteger introspections = new AtomicInteger();
  private final HttpClient http = HttpClient.newHttpClient();
  private TestIdentity idp;
  private HttpServer introspection;
  private EventSinkServer sink;
  private CrmServer crm;
  private CrmClient client;
  private String token;

  @BeforeEach
  void start() throws IOException {
    idp = TestIdentity.start();
    sink = EventSinkServer.start();
    introspection = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    introspection.createContext("/introspect", exchange -> {
      introspections.incrementAndGet();
      byte[] body = "{\"active\":false}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    introspection.start();
    crm = CrmServerMain.configure(new String[] {"--port", "0", "--issuer", idp.issuer().toString(),
        "--jwks-uri", idp.jwksUri().toString(), "--data-dir", dataDir.toString(),
        "--introspection-uri", "http://127.0.0.1:" + introspection.getAddress().getPort() + "/introspect",
        "--events-url", sink.url().toString()}).start();
    client = new CrmClient(crm.baseUrl());
    token = idp.token().sign();
  }

  @AfterEach
  void stop() {
    crm.close();
    introspection.stop(0);
    sink.close();
    idp.close();
  }

  @Test
  void events_go_to_the_events_url_and_writes_ask_the_introspection_uri() throws Exception {
    HttpResponse<String> read = client.get("/accounts/ACME-001", token);
    HttpResponse<String> write = client.post("/quotes", token, QUOTE, "k-1");

    assertThat(read.statusCode()).as("status of a read").isEqualTo(200);
    assertThat(write.statusCode()).as("status of a write the provider calls inactive").isEqualTo(401);
    assertThat(json(write).get("message").asText()).as("message of the write").startsWith("delegation revoked: ");
    assertThat(introspections.get()).as("introspection requests").isEqualTo(1);
    await("both events at the sink").atMost(5, SECONDS).until(() -> sink.bodies().size() == 2);
    JsonNode first = JSON.readTree(sink.bodies().get(0));
    assertThat(first.path("service").asText() + " " + first.path("actor").asText() + " "
        + first.path("operation").asText() + " " + first.path("outcome").asText()).as("first event")
        .isEqualTo("crm agent-7 get_account OK");
    assertThat(JSON.readTree(sink.bodies().get(1)).path("outcome").asText()).as("outcome of the refused write")
        .isEqualTo("FAIL");
  }

  @Test
  void each_agent_gets_its_own_address_over_http_and_keeps_it() throws Exception {
    HttpResponse<String> seven = workloads("{\"agent\":\"agent-7\"}");
    HttpResponse<String> again = workloads("{\"agent\":\"agent-7\"}");
    HttpResponse<String> nine = workloads("{\"agent\":\"agent-9\"}");

    assertThat(seven.statusCode()).as("status").isEqualTo(201);
    assertThat(seven.body()).as("body").isEqualTo("{\"agent\":\"agent-7\",\"url\":\"" + crm.workloadUrl("agent-7")
        + "\"}");
    assertThat(crm.workloadUrl("agent-7").toString()).as("url").matches("http://127\\.0\\.0\\.1:\\d+");
    assertThat(again.body()).as("body for the same agent again").isEqualTo(seven.body());
    assertThat(json(nine).get("url").asText()).as("url of another agent")
        .isEqualTo(crm.workloadUrl("agent-9").toString()).isNotEqualTo(json(seven).get("url").asText());
    URI nineUrl = URI.create(json(nine).get("url").asText());
    assertThat(new CrmClient(nineUrl).get("/accounts/ACME-001", token).statusCode())
        .as("agent-7's token presented on agent-9's address").isEqualTo(401);
  }

  @Test
  void a_bad_workload_request_is_400_naming_the_field_and_only_post_is_served() throws Exception {
    assertThat(message(workloads("{}"))).as("missing agent")
        .isEqualTo("crm: missing field [agent], e.g. {\"agent\":\"naive-agent\"}");
    assertThat(message(workloads("{\"agent\":\" \"}"))).as("blank agent")
        .isEqualTo("crm: field [agent] must be the agent's client id, got \" \", e.g. {\"agent\":\"naive-agent\"}");
    assertThat(message(workloads("{\"agent\":\"a\",\"port\":1}"))).as("unknown field")
        .isEqualTo("crm: field [port] is not taken here, which takes [agent], e.g. {\"agent\":\"naive-agent\"}");
    assertThat(message(workloads("naive-agent"))).as("not JSON")
        .isEqualTo("crm: body must be a JSON object, e.g. {\"agent\":\"naive-agent\"}");
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(crm.baseUrl() + "/__crashtest/workloads"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).as("status of GET").isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).as("Allow").hasValue("POST");
    assertThat(crm.audit()).as("audit of admin calls").isEmpty();
  }

  @Test
  void a_fault_posted_as_its_wire_form_applies_and_delete_by_id_heals_it() throws Exception {
    CrmFault fault = CrmFault.serverError(503).on("get_account");
    HttpResponse<String> created = admin("POST", "/__crashtest/faults", JSON.writeValueAsString(fault.toWire()));
    int faulted = client.get("/accounts/ACME-001", token).statusCode();
    HttpResponse<String> healed = admin("DELETE", "/__crashtest/faults/" + json(created).get("id").asText(), null);

    assertThat(created.statusCode()).as("status of POST").isEqualTo(201);
    assertThat(created.body()).as("body of POST")
        .isEqualTo("{\"id\":\"f-1\",\"description\":\"503 server_error on get_account, until healed\"}");
    assertThat(faulted).as("status of a read under the fault").isEqualTo(503);
    assertThat(healed.statusCode()).as("status of DELETE").isEqualTo(204);
    assertThat(client.get("/accounts/ACME-001", token).statusCode()).as("status after healing").isEqualTo(200);
  }

  @Test
  void a_wildcard_bind_hands_out_127_0_0_1_urls() {
    try (CrmServer wildcard = CrmServerMain.configure(new String[] {"--host", "0.0.0.0", "--port", "0",
        "--issuer", idp.issuer().toString(), "--jwks-uri", idp.jwksUri().toString(),
        "--data-dir", dataDir.resolve("wildcard").toString()}).start()) {
      assertThat(wildcard.baseUrl().toString()).as("base URL").matches("http://127\\.0\\.0\\.1:\\d+");
      assertThat(wildcard.workloadUrl("agent-7").toString()).as("workload URL")
          .matches("http://127\\.0\\.0\\.1:\\d+");
    }
  }

  private static String message(HttpResponse<String> answer) {
    assertThat(answer.statusCode()).as("status, body " + answer.body()).isEqualTo(400);
    assertThat(json(answer).get("error").asText()).as("error").isEqualTo("invalid_request");
    return json(answer).get("message").asText();
  }

  private HttpResponse<String> workloads(String body) throws Exception {
    return admin("POST", "/__crashtest/workloads", body);
  }

  private HttpResponse<String> admin(String method, String path, String body) throws Exception {
    HttpRequest.BodyPublisher publisher =
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    return http.send(HttpRequest.newBuilder(URI.create(crm.baseUrl() + path)).timeout(Duration.ofSeconds(10))
        .method(method, publisher).header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
