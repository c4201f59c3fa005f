package dev.crashtest.fakes.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ToxicSpecTest {

  @Test
  void defaults_are_downstream_full_toxicity_and_a_name_from_type_and_stream() {
    ToxicSpec spec = ToxicSpec.create(Json.parse("{\"type\":\"slicer\"}"));

    assertThat(spec.name()).as("name").isEqualTo("slicer_downstream");
    assertThat(spec.direction()).as("direction").isEqualTo(Direction.DOWNSTREAM);
    assertThat(spec.toxicity()).as("toxicity").isEqualTo(1f);
    assertThat(spec.attributes()).as("attributes, zeros included")
        .containsExactly(Map.entry("average_size", 0L), Map.entry("size_variation", 0L), Map.entry("delay", 0L));
  }

  @Test
  void stream_is_case_insensitive_and_kept_as_given() {
    ToxicSpec spec = ToxicSpec.create(Json.parse("{\"type\":\"latency\",\"stream\":\"UpStream\"}"));

    assertThat(spec.direction()).as("direction").isEqualTo(Direction.UPSTREAM);
    assertThat(spec.name()).as("name").isEqualTo("latency_UpStream");
  }

  @Test
  void unknown_attributes_are_ignored_and_known_ones_kept_on_merge() {
    ToxicSpec spec = ToxicSpec.create(Json.parse("{\"type\":\"latency\",\"attributes\":{\"latency\":5,\"x\":1}}"));

    ToxicSpec merged = spec.merge(Json.parse("{\"attributes\":{\"jitter\":2}}"));

    assertThat(merged.attributes()).as("attributes").isEqualTo(Map.of("latency", 5L, "jitter", 2L));
    assertThat(merged.toxicity()).as("toxicity kept").isEqualTo(1f);
  }

  @Test
  void fractional_attribute_is_a_bad_request_as_in_go() {
    assertThatThrownBy(() -> ToxicSpec.create(Json.parse("{\"type\":\"bandwidth\",\"attributes\":{\"rate\":1.5}}")))
        .as("fractional rate").isInstanceOf(ApiError.class)
        .hasMessage("bad request body: field [attributes.rate] must be an integer, got 1.5");
  }

  @Test
  void non_object_body_is_a_bad_request() {
    assertThatThrownBy(() -> ToxicSpec.create(Json.parse("[1]"))).as("array body")
        .isInstanceOf(ApiError.class).hasMessage("bad request body: cannot read array as a toxic");
  }

  @Test
  void listen_addresses_print_as_go_prints_them() {
    assertThat(Addresses.format(Addresses.listen(""))).as("empty listen").isEqualTo("127.0.0.1:0");
    assertThat(Addresses.format(Addresses.listen("localhost:80"))).as("localhost").isEqualTo("127.0.0.1:80");
    assertThat(Addresses.format(Addresses.listen("[::1]:80"))).as("IPv6").isEqualTo("[::1]:80");
    assertThatThrownBy(() -> Addresses.listen("nowhere")).as("no port")
        .hasMessage("listen tcp: address nowhere: missing port in address");
  }
}
