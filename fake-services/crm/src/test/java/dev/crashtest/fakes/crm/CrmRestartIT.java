package dev.crashtest.fakes.crm;

import static dev.crashtest.fakes.crm.CrmClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrmRestartIT {
  @TempDir Path dataDir;
  private TestIdentity idp;
  private CrmServer crm;

  @BeforeEach
  void start() {
    idp = TestIdentity.start();
  }

  @AfterEach
  void stop() {
    if (crm != null) {
      crm.close();
    }
    idp.close();
  }

  @Test
  void state_survives_a_restart_on_the_same_data_directory() {
    String token = idp.token().sign();
    crm = startCrm();
    CrmClient before = new CrmClient(crm.baseUrl());
    String quote = before.post("/quotes", token,
        "{\"accountId\":\"ACME-001\",\"sku\":\"LAPTOP-14\",\"quantity\":5}", "t/2/create_quote").body();
    String order = before.post("/orders", token, "{\"quoteId\":\"Q-0001\"}", "t/4/place_order").body();
    before.post("/accounts/ACME-001/notes", token, "{\"text\":\"bought\"}", "t/5/add_note");
    List<AuditRecord> auditBefore = crm.audit();
    crm.close();

    crm = startCrm();
    CrmClient after = new CrmClient(crm.baseUrl());

    assertThat(after.get("/quotes/Q-0001", token).body()).as("quote after restart").isEqualTo(
        quote.replace("OPEN", "ORDERED"));
    assertThat(after.get("/orders/O-0001", token).body()).as("order after restart").isEqualTo(order);
    assertThat(json(after.get("/accounts/ACME-001/notes", token))).as("notes after restart").hasSize(1);
    assertThat(crm.audit()).as("audit after restart").startsWith(auditBefore.toArray(AuditRecord[]::new));
    HttpResponse<String> replay = after.post("/orders", token, "{\"quoteId\":\"Q-0001\"}", "t/4/place_order");
    assertThat(replay.headers().firstValue("Idempotent-Replayed")).as("replay after restart").hasValue("true");
    assertThat(replay.body()).as("replayed order after restart").isEqualTo(order);
    String next = json(after.post("/quotes", token,
        "{\"accountId\":\"GLOBEX-002\",\"sku\":\"DOCK-USB-C\",\"quantity\":1}", "t2/2/create_quote"))
        .get("quoteId").asText();
    assertThat(next).as("id of the next quote after restart").isEqualTo("Q-0002");
  }

  @Test
  void accounts_are_seeded_once() {
    crm = startCrm();
    crm.close();
    crm = startCrm();

    HttpResponse<String> account = new CrmClient(crm.baseUrl()).get("/accounts/UMBRELLA-004", idp.token().sign());

    assertThat(account.body()).as("seeded account after restart").isEqualTo("{\"accountId\":\"UMBRELLA-004\","
        + "\"name\":\"Umbrella Holdings\",\"tier\":\"PLATINUM\",\"creditLimit\":250000.00}");
  }

  private CrmServer startCrm() {
    return CrmServer.builder().withIssuer(idp.issuer()).withJwksUri(idp.jwksUri()).withDataDirectory(dataDir)
        .withPort(0).start();
  }
}
