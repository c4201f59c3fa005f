package dev.crashtest.fakes.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crashtest.fakes.crm.CrmFault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link CrmFault#toWire()} gives what the fault API parses back into the same fault. */
class CrmFaultWireTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The fault sent as JSON text and parsed by the fault API's own parser. */
  private static CrmFault roundTrip(CrmFault fault) throws Exception {
    return FaultAdmin.parse((ObjectNode) JSON.readTree(JSON.writeValueAsString(fault.toWire())));
  }

  @Test
  void every_kind_comes_back_equal_through_the_admin_parser() throws Exception {
    List<CrmFault> faults = List.of(
        CrmFault.serverError(500),
        CrmFault.serverError(503).on("get_account").forRequests(2),
        CrmFault.slow(Duration.ofMillis(1500)),
        CrmFault.slow(Duration.ofSeconds(3)).on("place_order"),
        CrmFault.conflict(),
        CrmFault.conflict().on("create_quote").forRequests(1),
        CrmFault.commitThenDropResponse(),
        CrmFault.commitThenDropResponse().on("place_order").forRequests(1));

    for (CrmFault fault : faults) {
      assertThat(roundTrip(fault)).as("%s through %s", fault, fault.toWire()).isEqualTo(fault);
    }
  }

  @Test
  void wire_form_lists_type_then_parameter_then_scope() {
    assertThat(CrmFault.serverError(503).on("get_account").forRequests(2).toWire()).as("server error")
        .containsExactly(Map.entry("type", "server_error"), Map.entry("status", 503),
            Map.entry("operation", "get_account"), Map.entry("forRequests", 2));
    assertThat(CrmFault.slow(Duration.ofMillis(1500)).toWire()).as("slow")
        .containsExactly(Map.entry("type", "slow"), Map.entry("delayMillis", 1500L));
    assertThat(CrmFault.commitThenDropResponse().on("place_order").toWire()).as("commit then drop")
        .containsExactly(Map.entry("type", "commit_then_drop"), Map.entry("operation", "place_order"));
  }

  @Test
  void a_fraction_of_a_millisecond_is_refused_rather_than_rounded() {
    assertThatThrownBy(CrmFault.slow(Duration.ofNanos(1_500_000))::toWire).as("1.5 ms")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("crm: fault [delay] PT0.0015S has a fraction of a millisecond, which the fault API cannot"
            + " carry; use whole milliseconds, e.g. Duration.ofMillis(1)");
  }
}
