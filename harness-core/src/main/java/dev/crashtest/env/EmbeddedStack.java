package dev.crashtest.env;

import dev.crashtest.fakes.FakeService;
import dev.crashtest.fakes.ServiceEventListener;
import dev.crashtest.fakes.crm.CrmServer;
import dev.crashtest.fakes.identity.IdentityProvider;
import dev.crashtest.fakes.mcp.McpToolServer;
import dev.crashtest.fakes.model.ModelEndpoint;
import dev.crashtest.fakes.model.Script;
import dev.crashtest.workload.Workload;
import dev.crashtest.fakes.stub.StubAdmin;
import dev.crashtest.fakes.stub.StubServer;
import dev.crashtest.fakes.proxy.FaultProxyServer;
import java.nio.file.Path;
import java.util.Random;

/**
 * The simulated world in this JVM: the fault proxy (or its container), then the identity provider, model endpoint
 * and CRM as objects, each its own admin, all publishing their events straight to {@code events}.
 */
record EmbeddedStack(FakeService proxy, Hops hops, IdentityProvider identity, CrmServer crm, ModelEndpoint model,
    StubServer stubs, McpToolServer mcp) implements ServiceStack {

  static EmbeddedStack start(Starter starter, ServiceEventListener events, long seed, String proxyImage,
      Path workDirectory, Workload workload, boolean toolsOverMcp) {
    FakeService proxy = proxyImage == null
        ? starter.started("proxy", () -> FaultProxyServer.builder().withRandom(new Random(seed)).start())
        : starter.started("proxy", () -> ProxyContainer.start(proxyImage, seed, workDirectory));
    Hops hops = Hops.open(proxy.baseUrl());
    IdentityProvider identity = starter.started("identity", () -> IdentityProvider.builder()
        .withPublicUrl(hops.publicUrl(Service.IDENTITY))
        .withRandom(new Random(seed))
        .withEventListener(events)
        .start());
    ModelEndpoint model = starter.started("model", () -> ModelEndpoint.builder()
        .withScript(workload.name().equals("procurement") ? Script.procurement()
            : Script.fromJson(workload.script(), workload.directory().resolve("model-script.json").toString()))
        .withApiKey(Environment.MODEL_API_KEY)
        .withEventListener(events)
        .start());
    CrmServer crm = starter.started("crm", () -> CrmServer.builder()
        .withIssuer(identity.issuer())
        .withJwksUri(identity.jwksUri())
        // straight to the provider, past its proxy: a network fault on the agents' hop must not reach it
        .withIntrospectionUri(identity.baseUrl().resolve(identity.introspectionUri().getPath()))
        .withDataDirectory(workDirectory.resolve("crm-data"))
        .withEventListener(events)
        .start());
    // a stubbed workload's services take the CRM's hop: one hop from the agent to the services its tools call
    StubServer stubs = workload.isBuiltInServices() ? null
        : starter.started("services", () -> StubServices.start(workload, identity, events, workDirectory));
    McpToolServer mcp = toolsOverMcp
        ? starter.started("mcp", () -> McpServers.start(workload, identity, crm, stubs, hops, events)) : null;
    hops.connect(Service.IDENTITY, identity.port());
    hops.connect(Service.MODEL, model.port());
    hops.connect(Service.CRM, stubs == null ? crm.port() : stubs.port());
    if (mcp != null) {
      hops.connect(Service.MCP, mcp.port());
    }
    return new EmbeddedStack(proxy, hops, identity, crm, model, stubs, mcp);
  }

  /** The MCP server, when tools are over MCP. */
  @Override
  public McpToolServer mcp() {
    if (mcp == null) {
      throw ServiceStack.noMcp();
    }
    return mcp;
  }

  @Override
  public McpToolServer mcpServer() {
    return mcp();
  }

  @Override
  public IdentityProvider identityProvider() {
    return identity;
  }

  @Override
  public StubAdmin stubServices() {
    if (stubs == null) {
      throw new IllegalStateException("this environment's workload has no stubbed services");
    }
    return stubs;
  }

  @Override
  public CrmServer crmServer() {
    return crm;
  }

  @Override
  public ModelEndpoint modelEndpoint() {
    return model;
  }
}
