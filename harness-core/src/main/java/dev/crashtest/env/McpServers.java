package dev.crashtest.env;

import dev.crashtest.fakes.ServiceEventListener;
import dev.crashtest.fakes.crm.CrmServer;
import dev.crashtest.fakes.identity.IdentityProvider;
import dev.crashtest.fakes.mcp.McpTool;
import dev.crashtest.fakes.mcp.McpToolServer;
import dev.crashtest.fakes.stub.StubServer;
import dev.crashtest.workload.Tool;
import dev.crashtest.workload.Workload;
import dev.crashtest.workload.WorkloadService;
import java.net.URI;
import java.util.List;

/**
 * The MCP server of an environment whose agents reach their tools over MCP: the workload's tools (gates excepted:
 * approval stays with the agent), each forwarded to its service, on behalf of the agent by token exchange as its own
 * client {@value McpToolServer#DEFAULT_CLIENT_ID}. Agents reach it through the fault proxy's {@code mcp} hop.
 */
final class McpServers {
  private McpServers() {}

  static McpToolServer start(Workload workload, IdentityProvider identity, CrmServer crm, StubServer stubs, Hops hops,
      ServiceEventListener events) {
    McpToolServer.Builder builder = McpToolServer.builder()
        .withTools(tools(workload))
        .withIssuer(identity.issuer())
        .withJwksUri(identity.jwksUri())
        // straight to the provider, past the agents' hop: a fault on that hop is the agent's, not the server's
        .withTokenEndpoint(identity.baseUrl().resolve(identity.tokenEndpoint().getPath()))
        .withClient(McpToolServer.DEFAULT_CLIENT_ID, identity.registerClient(McpToolServer.DEFAULT_CLIENT_ID))
        .withPublicUrl(hops.publicUrl(Service.MCP))
        .withEventListener(events);
    for (WorkloadService service : workload.services().values()) {
      URI url = service.builtIn().isPresent() ? crm.baseUrl() : URI.create(stubs.baseUrl() + "/" + service.name());
      builder.withService(service.name(), url);
    }
    return builder.start();
  }

  /** The workload's tools as the MCP server serves them: every tool that calls a service. */
  static List<McpTool> tools(Workload workload) {
    return workload.tools().stream().filter(tool -> !tool.gate()).map(McpServers::tool).toList();
  }

  private static McpTool tool(Tool tool) {
    return new McpTool(tool.name(), tool.description(), tool.parametersJson(), tool.service(), tool.method(),
        tool.path(), tool.bodyJson(), tool.scope(), tool.isWrite());
  }
}
