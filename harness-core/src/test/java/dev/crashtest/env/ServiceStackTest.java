package dev.crashtest.env;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServiceStackTest {

  @Test
  void a_stack_in_containers_has_no_fake_objects_and_names_the_admin_to_use_instead() {
    ServiceStack containers = new ContainerStack(null, null, null, null, null);

    assertThatThrownBy(containers::identityProvider).as("identity provider").isInstanceOf(IllegalStateException.class)
        .hasMessage("the services run in containers, not in this JVM: use identityService()");
    assertThatThrownBy(containers::crmServer).as("CRM")
        .hasMessage("the services run in containers, not in this JVM: use crmService()");
    assertThatThrownBy(containers::modelEndpoint).as("model endpoint")
        .hasMessage("the services run in containers, not in this JVM: use modelService()");
  }
}
