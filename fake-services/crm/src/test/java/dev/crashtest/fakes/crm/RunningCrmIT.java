package dev.crashtest.fakes.crm;

import dev.crashtest.fakes.ServiceEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What most CRM socket tests start from: a test identity provider, a CRM on a fresh data directory that trusts it,
 * a client, a valid delegated token, and every event the CRM published. Not itself a test.
 */
abstract class RunningCrmIT {
  @TempDir Path dataDir;
  final List<ServiceEvent> events = new CopyOnWriteArrayList<>();
  TestIdentity idp;
  CrmServer crm;
  CrmClient client;
  String token;

  @BeforeEach
  void startCrm() {
    idp = TestIdentity.start();
    crm = CrmServer.builder().withIssuer(idp.issuer()).withJwksUri(idp.jwksUri()).withDataDirectory(dataDir)
        .withEventListener(this::onEvent).start();
    client = new CrmClient(crm.baseUrl());
    token = idp.token().sign();
  }

  /** Every event the CRM publishes, on its request thread; tests that need the moment itself override this. */
  void onEvent(ServiceEvent event) {
    events.add(event);
  }

  @AfterEach
  void stopCrm() {
    crm.close();
    idp.close();
  }
}
