package dev.crashtest.env;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServiceStackTest {

  @Test
  void a_stack_in_containers_has_no_fake_objects_and_names_the_admin_to_use_instead() {
    ServiceStack containers = new ContainerStack(null, null, null, null, null, null);

    assertThatThrownBy(containers::identityProvider).as("identity provider").isInstanceOf(IllegalStateException.class)
        .hasMessage("the services run in containers, not in this JVM: use identityService()");
    assertThatThrownBy(containers::crmServer).as("CRM")
        .hasMessage("the services run in containers, not in this JVM: use crmService()");
    assertThatThrownBy(containers::modelEndpoint).as("model endpoint")
        .hasMessage("the services run in containers, not in this JVM: use modelService()");
    assertThatThrownBy(containers::mcpServer).as("MCP server")
        .hasMessage("the services run in containers, not in this JVM: use mcpService()");
  }

  @Test
  void a_stack_without_tools_over_mcp_says_how_to_get_them_on_either_backend() {
    ServiceStack containers = new ContainerStack(null, null, null, null, null, null);
    ServiceStack embedded = new EmbeddedStack(null, null, null, null, null, null, null);

    assertThatThrownBy(containers::mcp).as("in containers").isInstanceOf(IllegalStateException.class)
        .hasMessage("this environment serves no tools over MCP: start it withToolsOverMcp()");
    assertThatThrownBy(embedded::mcp).as("embedded")
        .hasMessage("this environment serves no tools over MCP: start it withToolsOverMcp()");
    assertThatThrownBy(embedded::mcpServer).as("embedded, the object")
        .hasMessage("this environment serves no tools over MCP: start it withToolsOverMcp()");
  }
}
