package dev.crashtest.fakes.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.admin.AdminException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** {@link CrmAdminClient} drives a CRM over its operator API as the CRM's own {@link CrmAdmin} methods do. */
class CrmAdminClientIT extends RunningCrmIT {

  @Test
  void an_agent_gets_its_own_address_once_and_the_same_address_after() {
    CrmAdmin remote = CrmAdminClient.at(crm.baseUrl());

    URI first = remote.workloadUrl("naive-agent");

    assertThat(remote.workloadUrl("naive-agent")).as("asked again").isEqualTo(first);
    assertThat(crm.workloadUrl("naive-agent")).as("the CRM object's answer").isEqualTo(first);
    assertThat(first).as("an address of its own").isNotEqualTo(crm.baseUrl());
  }

  @Test
  void a_fault_injected_over_http_applies_to_the_next_request_and_then_heals_itself() {
    CrmAdmin remote = CrmAdminClient.at(crm.baseUrl());

    InjectedFault fault = remote.inject(CrmFault.serverError(503).on("get_account").forRequests(1));

    assertThat(fault.description()).as("description").isEqualTo("503 server_error on get_account, next 1 request");
    assertThat(fault.active()).as("active before the request").isTrue();
    assertThat(client.get("/accounts/ACME-001", token).statusCode()).as("first read").isEqualTo(503);
    assertThat(fault.active()).as("active once used up").isFalse();
    fault.heal();
    assertThat(client.get("/accounts/ACME-001", token).statusCode()).as("second read").isEqualTo(200);
  }

  @Test
  void a_crm_that_is_gone_is_named_with_its_address() {
    CrmAdmin remote = CrmAdminClient.at(URI.create("http://127.0.0.1:9"));

    assertThatThrownBy(() -> remote.inject(CrmFault.conflict())).isInstanceOf(AdminException.class)
        .hasMessageStartingWith("could not reach the CRM at [http://127.0.0.1:9/__crashtest/faults]: ");
  }
}
