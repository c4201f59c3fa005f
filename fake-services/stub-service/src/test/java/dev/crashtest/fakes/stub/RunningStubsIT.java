package dev.crashtest.fakes.stub;

import dev.crashtest.fakes.ServiceEvent;
import dev.crashtest.fakes.identity.IdentityProvider;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the stub service's socket tests start from: the real fake identity provider, a stub server with the orders and
 * refunds services of {@code src/test/resources/stubs} that trusts it (introspection included), a client on its base
 * URL, agent-7's delegated tokens, and every event. Not itself a test.
 */
abstract class RunningStubsIT {
  static final String REFUND = "{\"orderId\":\"ORD-1001\",\"amount\":480}";

  @TempDir Path dataDir;
  final List<ServiceEvent> events = new CopyOnWriteArrayList<>();
  IdentityProvider idp;
  Agents agents;
  StubServer stubs;
  StubClient client;
  String ordersToken;
  String refundsToken;

  @BeforeEach
  void startStubs() {
    idp = IdentityProvider.builder().start();
    agents = new Agents(idp);
    stubs = start(dataDir);
    client = new StubClient(stubs.baseUrl());
    ordersToken = agents.delegatedToken("agent-7", "orders", "orders.read");
    refundsToken = agents.delegatedToken("agent-7", "refunds", "refunds.write");
  }

  StubServer start(Path data) {
    return StubServer.builder()
        .withIssuer(idp.issuer())
        .withJwksUri(idp.jwksUri())
        .withIntrospectionUri(idp.introspectionUri())
        .withService("orders", Path.of(Agents.resource("/stubs/orders")))
        .withService("refunds", Path.of(Agents.resource("/stubs/refunds")))
        .withOperation("orders", "get_order", "GET", "/orders/{order_id}", "orders.read")
        .withOperation("refunds", "create_refund", "POST", "/refunds", "refunds.write",
            Effect.declared("refund", "refundId", "orderId").withApprovalAbove("amount", new BigDecimal("100")))
        .withDataDirectory(data)
        .withEventListener(this::onEvent)
        .start();
  }

  /** Every event, on the request's thread; tests that need the moment itself override this. */
  void onEvent(ServiceEvent event) {
    events.add(event);
  }

  List<ServiceEvent> effects() {
    return events.stream().filter(e -> e.details().containsKey("effectType")).toList();
  }

  @AfterEach
  void stopStubs() {
    if (stubs != null) {
      stubs.close();
    }
    idp.close();
  }
}
