package dev.crashtest.fakes.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.crashtest.fakes.identity.IdentityFault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link IdentityFault#toWire()} gives what the fault API parses back into the same fault. */
class IdentityFaultWireTest {

  private static IdentityFault roundTrip(IdentityFault fault) {
    return FaultAdminEndpoint.parse(JSONObjectUtils.toJSONString(fault.toWire()));
  }

  @Test
  void every_kind_comes_back_equal_through_the_admin_parser() {
    List<IdentityFault> faults = List.of(
        IdentityFault.outage(),
        IdentityFault.outage().forRequests(3),
        IdentityFault.tokenEndpointError(500),
        IdentityFault.tokenEndpointError(502).forRequests(1),
        IdentityFault.tokenEndpointError(503),
        IdentityFault.tokenEndpointError(504),
        IdentityFault.slowTokenEndpoint(Duration.ofMillis(1200)),
        IdentityFault.slowTokenEndpoint(Duration.ofSeconds(2)).forRequests(2));

    for (IdentityFault fault : faults) {
      assertThat(roundTrip(fault)).as("%s through %s", fault, fault.toWire()).isEqualTo(fault);
    }
  }

  @Test
  void wire_form_lists_type_then_parameter_then_limit() {
    assertThat(IdentityFault.tokenEndpointError(503).forRequests(2).toWire()).as("token endpoint error")
        .containsExactly(Map.entry("type", "token_endpoint_error"), Map.entry("status", 503),
            Map.entry("forRequests", 2));
    assertThat(IdentityFault.slowTokenEndpoint(Duration.ofMillis(1200)).toWire()).as("slow token endpoint")
        .containsExactly(Map.entry("type", "slow_token_endpoint"), Map.entry("delayMillis", 1200L));
    assertThat(IdentityFault.outage().toWire()).as("outage").containsExactly(Map.entry("type", "outage"));
  }

  @Test
  void a_fraction_of_a_millisecond_is_refused_rather_than_rounded() {
    assertThatThrownBy(IdentityFault.slowTokenEndpoint(Duration.ofNanos(1_500_000))::toWire).as("1.5 ms")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("identity: fault [delay] PT0.0015S has a fraction of a millisecond, which the fault API cannot"
            + " carry; use whole milliseconds, e.g. Duration.ofMillis(1)");
  }
}
