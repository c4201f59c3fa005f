package dev.crashtest.fakes.crm;

import static dev.crashtest.fakes.crm.CrmClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.crashtest.fakes.ServiceEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrmRevocationIT {
  private static final String QUOTE = "{\"accountId\":\"ACME-001\",\"sku\":\"LAPTOP-14\",\"quantity\":1}";

  @TempDir Path dataDir;
  private final AtomicBoolean active = new AtomicBoolean(true);
  private final java.util.concurrent.atomic.AtomicReference<String> grantedScope =
      new java.util.concurrent.atomic.AtomicReference<>("crm.read crm.write");
  private final List<ServiceEvent> events = new CopyOnWriteArrayList<>();
  private TestIdentity idp;
  private HttpServer introspection;
  private CrmServer crm;
  private CrmClient client;

  @BeforeEach
  void start() throws IOException {
    idp = TestIdentity.start();
    introspection = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    introspection.createContext("/introspect", exchange -> {
      byte[] body = ("{\"active\":" + active.get() + ",\"scope\":\"" + grantedScope.get() + "\"}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    introspection.start();
    URI introspectionUri = URI.create("http://127.0.0.1:" + introspection.getAddress().getPort() + "/introspect");
    crm = CrmServer.builder().withIssuer(idp.issuer()).withJwksUri(idp.jwksUri()).withDataDirectory(dataDir)
        .withIntrospectionUri(introspectionUri).withEventListener(events::add).start();
    client = new CrmClient(crm.baseUrl());
  }

  @AfterEach
  void stop() {
    crm.close();
    introspection.stop(0);
    idp.close();
  }

  @Test
  void write_under_a_scope_the_provider_no_longer_grants_is_refused_though_the_token_still_names_it() {
    String token = idp.token().sign();
    grantedScope.set("crm.read");

    HttpResponse<String> response = client.post("/quotes", token, QUOTE, "k-1");

    assertThat(response.statusCode()).as("status").isEqualTo(403);
    assertThat(json(response).get("message").asText()).as("message").isEqualTo("scope [crm.write] was withdrawn"
        + " from this delegation of user [alice] to agent [agent-7]: the token still names it, the identity"
        + " provider no longer grants it; end the task or ask the user");
    assertThat(client.get("/accounts/ACME-001", token).statusCode()).as("a read under the scope still granted")
        .isEqualTo(200);
  }

  @Test
  void no_write_follows_revocation_and_the_audit_says_why() {
    String token = idp.token().sign();
    assertThat(client.post("/quotes", token, QUOTE, null).statusCode()).as("write before revocation").isEqualTo(201);

    active.set(false);
    HttpResponse<String> refused = client.post("/quotes", token, QUOTE, null);

    assertThat(refused.statusCode()).as("write after revocation").isEqualTo(401);
    assertThat(json(refused).get("error").asText()).isEqualTo("invalid_token");
    assertThat(json(refused).get("message").asText()).startsWith("delegation revoked: ");
    assertThat(client.get("/accounts/ACME-001", token).statusCode()).as("reads are not checked").isEqualTo(200);
    assertThat(events).filteredOn(e -> e.operation().equals("create_quote")).last()
        .satisfies(e -> assertThat(e.details()).containsEntry("refusal", "delegation_revoked")
            .containsEntry("error", "delegation_revoked").containsEntry("status", 401));
  }

  @Test
  void an_inactive_token_whose_key_was_withdrawn_is_not_called_a_revocation() {
    String token = idp.token().sign();
    assertThat(client.get("/accounts/ACME-001", token).statusCode()).as("key cached by the CRM").isEqualTo(200);
    idp.rotateKey();
    active.set(false);

    HttpResponse<String> refused = client.post("/quotes", token, QUOTE, null);

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(json(refused).get("message").asText()).isEqualTo(
        "token rejected: the identity provider no longer publishes its signing key (rotated out); fetch a new token");
    assertThat(events).filteredOn(e -> e.operation().equals("create_quote")).last()
        .satisfies(e -> assertThat(e.details()).containsEntry("error", "invalid_token").doesNotContainKey("refusal"));
  }
}
