package dev.crashtest.env;

import dev.crashtest.fakes.FakeService;
import dev.crashtest.fakes.crm.CrmAdmin;
import dev.crashtest.fakes.crm.CrmServer;
import dev.crashtest.fakes.identity.IdentityAdmin;
import dev.crashtest.fakes.identity.IdentityProvider;
import dev.crashtest.fakes.mcp.McpAdmin;
import dev.crashtest.fakes.mcp.McpToolServer;
import dev.crashtest.fakes.model.ModelAdmin;
import dev.crashtest.fakes.model.ModelEndpoint;
import java.util.function.Supplier;

/**
 * The running services of an environment as one backend started them: the fault proxy and its hops, and each fake
 * behind its own admin interface, which the harness drives the same way whichever backend it is ({@link
 * EmbeddedStack} in this JVM, {@link ContainerStack} in containers).
 */
interface ServiceStack {
  FakeService proxy();

  Hops hops();

  IdentityAdmin identity();

  CrmAdmin crm();

  ModelAdmin model();

  /** The workload's stubbed services, when it has any (a support desk; not procurement). */
  default dev.crashtest.fakes.stub.StubAdmin stubServices() {
    throw new IllegalStateException("this environment's workload has no stubbed services");
  }

  /** The MCP server serving the workload's tools, when the environment serves them over MCP. */
  default McpAdmin mcp() {
    throw noMcp();
  }

  /** The MCP server object itself, which only a stack in this JVM has. */
  default McpToolServer mcpServer() {
    throw notInThisJvm("mcpService()");
  }

  static IllegalStateException noMcp() {
    return new IllegalStateException("this environment serves no tools over MCP: start it withToolsOverMcp()");
  }

  /** The identity provider object itself, which only a stack in this JVM has. */
  default IdentityProvider identityProvider() {
    throw notInThisJvm("identityService()");
  }

  /** The CRM object itself, which only a stack in this JVM has. */
  default CrmServer crmServer() {
    throw notInThisJvm("crmService()");
  }

  /** The model endpoint object itself, which only a stack in this JVM has. */
  default ModelEndpoint modelEndpoint() {
    throw notInThisJvm("modelService()");
  }

  private static IllegalStateException notInThisJvm(String instead) {
    return new IllegalStateException("the services run in containers, not in this JVM: use " + instead);
  }

  /** Starts a service and keeps it for the environment to stop; see {@code Environment.started}. */
  interface Starter {
    <T extends FakeService> T started(String name, Supplier<T> starter);
  }
}
