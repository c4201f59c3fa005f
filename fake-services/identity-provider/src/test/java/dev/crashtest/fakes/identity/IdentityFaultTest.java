package dev.crashtest.fakes.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdentityFaultTest {

  @Test
  void each_fault_describes_itself_with_its_limit() {
    assertThat(IdentityFault.outage().describe()).as("outage")
        .isEqualTo("every endpoint answers 503 temporarily_unavailable, until healed");
    assertThat(IdentityFault.tokenEndpointError(500).forRequests(2).describe()).as("token error 500")
        .isEqualTo("token endpoint answers 500 server_error, next 2 requests");
    assertThat(IdentityFault.tokenEndpointError(503).forRequests(1).describe()).as("token error 503")
        .isEqualTo("token endpoint answers 503 temporarily_unavailable, next 1 request");
    assertThat(IdentityFault.slowTokenEndpoint(Duration.ofMillis(2500)).describe()).as("slow")
        .isEqualTo("token endpoint answers 2500 ms late, until healed");
  }

  @Test
  void for_requests_returns_a_new_instance() {
    IdentityFault base = IdentityFault.outage();

    IdentityFault limited = base.forRequests(4);

    assertThat(base.requestLimit()).as("limit of the original").isEmpty();
    assertThat(limited.requestLimit()).as("limit of the copy").hasValue(4);
    assertThat(limited).as("equal by value").isEqualTo(IdentityFault.outage().forRequests(4));
  }

  @Test
  void bad_parameters_are_refused_with_the_parameter_named() {
    assertThatThrownBy(() -> IdentityFault.tokenEndpointError(404)).as("status")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("identity: fault [status] 404 is not one of 500, 502, 503, 504");
    assertThatThrownBy(() -> IdentityFault.slowTokenEndpoint(Duration.ofSeconds(-1))).as("delay")
        .hasMessage("identity: fault [delay] PT-1S must be positive, e.g. PT2S");
    assertThatThrownBy(() -> IdentityFault.outage().forRequests(0)).as("forRequests")
        .hasMessage("identity: fault [forRequests] 0 must be at least 1");
  }

  @Test
  void public_url_with_a_path_or_without_a_port_is_refused() {
    String expected = "must be http(s)://host:port without path, query or fragment, e.g. http://127.0.0.1:41003"
        + " (the issuer id is appended)";
    assertThatThrownBy(() -> IdentityProvider.builder().withPublicUrl(URI.create("http://127.0.0.1:41003/idp")))
        .as("with a path")
        .hasMessage("identity: public URL [http://127.0.0.1:41003/idp] " + expected);
    assertThatThrownBy(() -> IdentityProvider.builder().withPublicUrl(URI.create("http://proxy.local")))
        .as("without a port")
        .hasMessage("identity: public URL [http://proxy.local] " + expected);
  }
}
