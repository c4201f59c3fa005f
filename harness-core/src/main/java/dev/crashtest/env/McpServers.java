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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crashtest.fakes.identity.IdentityAdmin;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The MCP server of an environment whose agents reach their tools over MCP: the workload's tools (gates excepted:
 * approval stays with the agent), each forwarded to its service, on behalf of the agent by token exchange as its own
 * client {@value McpToolServer#DEFAULT_CLIENT_ID}. Agents reach it through the fault proxy's {@code mcp} hop. In this
 * JVM ({@link #start}) or, from the config file {@link #writeConfig} writes, in a container.
 */
final class McpServers {
  static final String SECRET_FILE = "mcp-server.secret";
  private static final ObjectMapper JSON = new ObjectMapper();

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

  /**
   * Writes the config file {@code McpToolServerMain --config} reads, for an MCP server in its own process or
   * container: the same tools and services {@link #start} gives the embedded one, its client secret in {@code
   * mcp-server.secret} beside it. Returns the file.
   */
  static Path writeConfig(Path directory, Workload workload, IdentityAdmin identity, String clientSecret,
      URI publicUrl, Map<String, URI> services) {
    ObjectNode config = JSON.createObjectNode()
        .put("issuer", identity.issuer().toString())
        .put("jwksUri", identity.issuer() + "/jwks")
        // straight to the provider, past the agents' hop: a fault on that hop is the agent's, not the server's
        .put("tokenEndpoint", identity.directTokenEndpoint().toString())
        .put("clientId", McpToolServer.DEFAULT_CLIENT_ID)
        .put("clientSecretFile", SECRET_FILE)
        .put("publicUrl", publicUrl.toString());
    ObjectNode urls = config.putObject("services");
    services.forEach((name, url) -> urls.put(name, url.toString()));
    ArrayNode list = config.putArray("tools");
    for (McpTool tool : tools(workload)) {
      ObjectNode entry = list.addObject().put("name", tool.name()).put("description", tool.description());
      entry.set("inputSchema", parse(tool.inputSchemaJson()));
      entry.put("service", tool.service()).put("method", tool.method()).put("path", tool.pathTemplate());
      if (tool.bodyTemplateJson() != null) {
        entry.set("body", parse(tool.bodyTemplateJson()));
      }
      entry.put("scope", tool.scope()).put("write", tool.write());
    }
    Path file = directory.resolve("mcp-server.json");
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve(SECRET_FILE), clientSecret);
      Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
    } catch (IOException e) {
      throw new EnvironmentException("could not write the MCP server's config [" + file + "]: " + e, e);
    }
    return file;
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON (a workload's tool was checked when it loaded): " + json, e);
    }
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
