package dev.crashtest.fakes.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CrmFaultTest {

  @Test
  void each_fault_describes_itself_with_its_scope_and_limit() {
    assertThat(CrmFault.serverError(503).describe()).as("server error")
        .isEqualTo("503 server_error on every operation, until healed");
    assertThat(CrmFault.slow(Duration.ofMillis(1500)).on("get_account").describe()).as("slow")
        .isEqualTo("answer 1500 ms late on get_account, until healed");
    assertThat(CrmFault.conflict().forRequests(2).describe()).as("conflict")
        .isEqualTo("409 conflict on every operation, next 2 requests");
    assertThat(CrmFault.commitThenDropResponse().on("place_order").forRequests(1).describe()).as("drop")
        .isEqualTo("commit then drop the response on place_order, next 1 request");
  }

  @Test
  void modifiers_return_new_instances_and_leave_the_original_alone() {
    CrmFault base = CrmFault.conflict();

    CrmFault scoped = base.on("add_note").forRequests(3);

    assertThat(base.operation()).as("operation of the original").isEmpty();
    assertThat(base.requestLimit()).as("limit of the original").isEmpty();
    assertThat(scoped.operation()).as("operation of the copy").hasValue("add_note");
    assertThat(scoped.requestLimit()).as("limit of the copy").hasValue(3);
    assertThat(scoped).as("equal by value").isEqualTo(CrmFault.conflict().on("add_note").forRequests(3));
  }

  @Test
  void unknown_operation_is_refused_with_the_known_ones() {
    assertThatThrownBy(() -> CrmFault.conflict().on("placeOrder"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("crm: fault [operation] [placeOrder] is not a CRM operation; known operations: get_account,"
            + " create_quote, get_quote, place_order, get_order, add_note, list_notes");
  }

  @Test
  void bad_parameters_are_refused_with_the_parameter_named() {
    assertThatThrownBy(() -> CrmFault.serverError(418)).as("status")
        .hasMessage("crm: fault [status] 418 is not one of 500, 502, 503, 504");
    assertThatThrownBy(() -> CrmFault.slow(Duration.ZERO)).as("delay")
        .hasMessage("crm: fault [delay] PT0S must be positive, e.g. PT2S");
    assertThatThrownBy(() -> CrmFault.conflict().forRequests(0)).as("forRequests")
        .hasMessage("crm: fault [forRequests] 0 must be at least 1");
  }
}
