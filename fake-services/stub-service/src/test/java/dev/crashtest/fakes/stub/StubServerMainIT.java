package dev.crashtest.fakes.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.fakes.identity.IdentityProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone stub service reads its services and operations from a JSON config file. */
class StubServerMainIT {
  @TempDir Path dir;

  @Test
  void a_config_file_describes_services_and_operations_relative_to_itself() throws IOException {
    try (IdentityProvider idp = IdentityProvider.builder().start()) {
      Path config = write("{\"issuer\": \"" + idp.issuer() + "\", \"jwksUri\": \"" + idp.jwksUri() + "\","
          + " \"services\": {\"orders\": {\"stubs\": \"" + Path.of(Agents.resource("/stubs/orders")) + "\"}},"
          + " \"operations\": [{\"service\": \"orders\", \"name\": \"get_order\", \"method\": \"GET\","
          + " \"path\": \"/orders/{order_id}\", \"scope\": \"orders.read\"}]}");
      String token = new Agents(idp).delegatedToken("agent-7", "orders", "orders.read");

      try (StubServer stubs = StubServerMain.configure(new String[] {"--config", config.toString(),
          "--data-dir", dir.resolve("data").toString()}).start()) {
        assertThat(new StubClient(stubs.serviceUrl("orders")).get("/orders/ORD-1", token).statusCode())
            .as("status of get_order").isEqualTo(200);
      }
    }
  }

  @Test
  void a_missing_field_is_named_with_the_file() throws IOException {
    Path config = write("{\"issuer\": \"http://127.0.0.1:1/crashtest\", \"jwksUri\": \"http://127.0.0.1:1/jwks\","
        + " \"services\": {\"orders\": {\"stubs\": \"stubs/orders\"}}, \"operations\": [{\"service\": \"orders\","
        + " \"name\": \"get_order\", \"path\": \"/orders/{order_id}\"}]}");

    assertThatThrownBy(() -> StubServerMain.configure(new String[] {"--config", config.toString()}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stub-service: config [" + config + "]: field [operations[0].method] is missing");
  }

  @Test
  void without_a_config_the_option_is_asked_for() {
    assertThatThrownBy(() -> StubServerMain.configure(new String[0]))
        .hasMessage("stub-service: missing option [--config]; give the JSON file that names the services and"
            + " operations, e.g. --config run-1/stubs.json");
  }

  private Path write(String json) throws IOException {
    return Files.writeString(dir.resolve("stubs.json"), json);
  }
}
