package dev.crashtest.fakes.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultWireTest {
  private static final Map<String, List<String>> FIELDS = Map.of(
      "slow", List.of("type", "delayMillis", "operation", "forRequests"),
      "outage", List.of("type", "forRequests"));

  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }

  @Test
  void a_body_of_a_known_type_gives_its_fields() throws Exception {
    FaultWire wire = FaultWire.read("crm", json(
        "{\"type\":\"slow\",\"delayMillis\":2.0,\"operation\":\"place_order\",\"forRequests\":null}"), FIELDS);

    assertThat(wire.type()).as("type").isEqualTo("slow");
    assertThat(wire.number("delayMillis", 1, Long.MAX_VALUE)).as("a whole number written 2.0").isEqualTo(2L);
    assertThat(wire.text("operation")).as("operation").isEqualTo("place_order");
    assertThat(wire.has("forRequests")).as("a null field is not given").isFalse();
  }

  @Test
  void a_bad_body_is_refused_in_one_line_naming_the_fake_and_the_field() throws Exception {
    assertThatThrownBy(() -> FaultWire.read("crm", json("{}"), FIELDS)).as("no type")
        .hasMessage("crm: missing field [type]");
    assertThatThrownBy(() -> FaultWire.read("crm", json("{\"type\":\"explode\"}"), FIELDS)).as("unknown type")
        .hasMessage("crm: unknown fault type [explode]");
    assertThatThrownBy(() -> FaultWire.read("identity", json("{\"type\":\"outage\",\"delayMillis\":5}"), FIELDS))
        .as("a field of another type")
        .hasMessage("identity: field [delayMillis] does not apply to fault type [outage], which takes [type,"
            + " forRequests]");
    FaultWire slow = FaultWire.read("crm", json("{\"type\":\"slow\",\"delayMillis\":1.5,\"operation\":7}"), FIELDS);
    assertThatThrownBy(() -> slow.number("delayMillis", 1, 10)).as("a fraction")
        .hasMessage("crm: field [delayMillis] must be a whole number from 1 to 10, got 1.5");
    assertThatThrownBy(() -> slow.number("forRequests", 1, 10)).as("a missing number")
        .hasMessage("crm: missing field [forRequests]");
    assertThatThrownBy(() -> slow.text("operation")).as("not a string")
        .hasMessage("crm: field [operation] must be a string, got 7");
  }
}
