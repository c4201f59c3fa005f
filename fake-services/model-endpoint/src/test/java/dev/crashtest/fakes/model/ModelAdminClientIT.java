package dev.crashtest.fakes.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.fakes.InjectedFault;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ModelAdminClient} injects and heals faults over the operator API as {@link ModelEndpoint#inject} does. */
class ModelAdminClientIT {
  private ModelEndpoint endpoint;

  @BeforeEach
  void start() {
    endpoint = ModelEndpoint.builder().start();
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @Test
  void a_fault_injected_over_http_is_the_one_injected_in_process_until_healed() {
    ModelFault fault = ModelFault.rateLimited(Duration.ofSeconds(2)).forRequests(3);
    InjectedFault remote = ModelAdminClient.at(endpoint.baseUrl()).inject(fault);
    InjectedFault local = endpoint.inject(fault);

    assertThat(remote.description()).as("description over http").isEqualTo(local.description());
    assertThat(endpoint.faults().active()).as("active in the endpoint").hasSize(2);

    remote.heal();
    local.heal();

    assertThat(endpoint.faults().active()).as("active after heal").isEmpty();
    assertThat(remote.active()).as("remote fault after heal").isFalse();
  }
}
