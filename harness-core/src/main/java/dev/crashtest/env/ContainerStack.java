package dev.crashtest.env;

import dev.crashtest.fakes.FakeService;
import dev.crashtest.fakes.crm.CrmAdmin;
import dev.crashtest.fakes.crm.CrmAdminClient;
import dev.crashtest.fakes.identity.IdentityAdmin;
import dev.crashtest.fakes.identity.IdentityAdminClient;
import dev.crashtest.fakes.identity.IdentityProvider;
import dev.crashtest.fakes.mcp.McpAdmin;
import dev.crashtest.fakes.mcp.McpAdminClient;
import dev.crashtest.fakes.mcp.McpToolServer;
import dev.crashtest.fakes.model.ModelAdmin;
import dev.crashtest.fakes.model.ModelAdminClient;
import dev.crashtest.internal.Ports;
import dev.crashtest.workload.Workload;
import dev.crashtest.workload.WorkloadService;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulated world as containers: an event sink on loopback, the fault proxy, then the identity provider, model
 * endpoint and CRM from the services image (and, for tools over MCP, the MCP server), each told where to send its
 * events and where the others are, and the fakes' admin clients that drive them over their operator APIs.
 */
record ContainerStack(FakeService proxy, Hops hops, IdentityAdmin identity, CrmAdmin crm, ModelAdmin model,
    McpAdmin mcp) implements ServiceStack {
  private static final String ISSUER_PATH = "/" + IdentityProvider.DEFAULT_ISSUER_ID;

  static ContainerStack start(Starter starter, EventSink.Events events, long seed, String proxyImage,
      Path workDirectory, Workload workload, boolean toolsOverMcp) {
    EventSink sink = starter.started("events", () -> EventSink.start(events));
    String eventsUrl = sink.url().toString();
    FakeService proxy = starter.started("proxy", () -> ProxyContainer.start(proxyImage, seed, workDirectory));
    Hops hops = Hops.open(proxy.baseUrl());
    ServiceImages images = ServiceImages.forThisClassPath();
    URI publicIdentity = hops.publicUrl(Service.IDENTITY);
    URI issuer = URI.create(publicIdentity + ISSUER_PATH);
    int identityPort = Ports.freeLoopbackPort();
    int modelPort = Ports.freeLoopbackPort();
    int crmPort = Ports.freeLoopbackPort();
    FakeService identity = starter.started("identity", () -> images.start("identity",
        "dev.crashtest.fakes.identity.IdentityProviderMain", identityPort, ISSUER_PATH + "/jwks", workDirectory,
        "--public-url", publicIdentity.toString(), "--seed", String.valueOf(seed), "--events-url", eventsUrl));
    FakeService model = starter.started("model", () -> images.start("model",
        "dev.crashtest.fakes.model.ModelEndpointMain", modelPort, "/v1/models", workDirectory,
        "--api-key", Environment.MODEL_API_KEY, "--events-url", eventsUrl));
    FakeService crm = starter.started("crm", () -> images.start("crm", "dev.crashtest.fakes.crm.CrmServerMain",
        crmPort, "/audit", workDirectory, "--issuer", issuer.toString(), "--jwks-uri", issuer + "/jwks",
        // straight to the provider, past its proxy: a network fault on the agents' hop must not reach it
        "--introspection-uri", identity.baseUrl() + ISSUER_PATH + "/introspect",
        "--data-dir", workDirectory.resolve("crm-data").toString(), "--events-url", eventsUrl));
    IdentityAdmin identityAdmin = IdentityAdminClient.at(identity.baseUrl(), issuer);
    FakeService mcp = toolsOverMcp ? starter.started("mcp", () -> startMcp(images, identityAdmin, crm.baseUrl(),
        hops, workDirectory, workload, eventsUrl)) : null;
    hops.connect(Service.IDENTITY, identityPort);
    hops.connect(Service.MODEL, modelPort);
    hops.connect(Service.CRM, crmPort);
    if (mcp != null) {
      hops.connect(Service.MCP, mcp.baseUrl().getPort());
    }
    return new ContainerStack(proxy, hops, identityAdmin, CrmAdminClient.at(crm.baseUrl()),
        ModelAdminClient.at(model.baseUrl()), mcp == null ? null : McpAdminClient.at(mcp.baseUrl()));
  }

  /**
   * The MCP server from the services image, configured by a file in the (mounted) work directory: the workload's
   * tools forwarded to the CRM container, the provider's issuer as the CRM gets it, and its own client secret.
   */
  private static FakeService startMcp(ServiceImages images, IdentityAdmin identity, URI crm, Hops hops,
      Path workDirectory, Workload workload, String eventsUrl) {
    String secret = identity.registerClient(McpToolServer.DEFAULT_CLIENT_ID);
    // only the procurement workload runs in containers so far: every service is the built-in CRM
    Map<String, URI> services = new LinkedHashMap<>();
    for (WorkloadService service : workload.services().values()) {
      services.put(service.name(), crm);
    }
    Path config = McpServers.writeConfig(workDirectory.resolve("mcp-server"), workload, identity, secret,
        hops.publicUrl(Service.MCP), services);
    int port = Ports.freeLoopbackPort();
    return images.start("mcp", "dev.crashtest.fakes.mcp.McpToolServerMain", port,
        "/.well-known/oauth-protected-resource", workDirectory, "--config", config.toString(),
        "--events-url", eventsUrl);
  }

  /** The MCP server's admin client, when tools are over MCP. */
  @Override
  public McpAdmin mcp() {
    if (mcp == null) {
      throw ServiceStack.noMcp();
    }
    return mcp;
  }
}
