package dev.crashtest.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class HttpTemplateTest {

  @Test
  void path_parameters_are_url_encoded_as_one_segment() throws Exception {
    String path = HttpTemplate.path("/orders/{order_id}/lines/{line}",
        Json.parse("{\"order_id\":\"A/1 b&c?d\",\"line\":7}"));

    assertThat(path).as("path").isEqualTo("/orders/A%2F1%20b%26c%3Fd/lines/7");
  }

  @Test
  void path_keeps_non_ascii_text_as_utf8_percent_escapes() throws Exception {
    assertThat(HttpTemplate.path("/customers/{name}", Json.parse("{\"name\":\"Zoë\"}")))
        .as("path").isEqualTo("/customers/Zo%C3%AB");
  }

  @Test
  void a_path_parameter_the_model_did_not_send_is_a_missing_argument() {
    assertThatThrownBy(() -> HttpTemplate.path("/orders/{order_id}", Json.parse("{\"order\":\"A\"}")))
        .isInstanceOf(HttpTemplate.MissingArgumentException.class)
        .hasMessage("missing argument [order_id]");
    assertThatThrownBy(() -> HttpTemplate.path("/orders/{order_id}", Json.parse("{\"order_id\":null}")))
        .as("null counts as missing")
        .hasMessage("missing argument [order_id]");
  }

  @Test
  void a_value_that_is_exactly_one_placeholder_keeps_the_arguments_json_type() throws Exception {
    var body = HttpTemplate.body(
        Json.parse("{\"orderId\":\"{order_id}\",\"amount\":\"{amount}\",\"urgent\":\"{urgent}\",\"tags\":\"{tags}\"}"),
        Json.parse("{\"order_id\":\"ORD-1\",\"amount\":120.5,\"urgent\":true,\"tags\":[\"a\",\"b\"]}"), Set.of());

    assertThat(body).as("body").isEqualTo(
        Json.parse("{\"orderId\":\"ORD-1\",\"amount\":120.5,\"urgent\":true,\"tags\":[\"a\",\"b\"]}"));
  }

  @Test
  void text_around_placeholders_is_string_interpolation() throws Exception {
    var body = HttpTemplate.body(Json.parse("{\"subject\":\"Refund of {amount} EUR for {order_id}\"}"),
        Json.parse("{\"order_id\":\"ORD-1\",\"amount\":40}"), Set.of());

    assertThat(body).as("body").isEqualTo(Json.parse("{\"subject\":\"Refund of 40 EUR for ORD-1\"}"));
  }

  @Test
  void nested_templates_and_literals_are_rendered_in_place() throws Exception {
    var body = HttpTemplate.body(
        Json.parse("{\"case\":{\"id\":\"{case_id}\",\"kind\":\"note\",\"priority\":2},\"lines\":[\"{text}\",\"fixed\"]}"),
        Json.parse("{\"case_id\":\"C-9\",\"text\":\"hello\"}"), Set.of());

    assertThat(body).as("body").isEqualTo(
        Json.parse("{\"case\":{\"id\":\"C-9\",\"kind\":\"note\",\"priority\":2},\"lines\":[\"hello\",\"fixed\"]}"));
  }

  @Test
  void an_optional_parameter_the_model_left_out_drops_its_field() throws Exception {
    var body = HttpTemplate.body(Json.parse("{\"orderId\":\"{order_id}\",\"reason\":\"{reason}\"}"),
        Json.parse("{\"order_id\":\"ORD-1\"}"), Set.of("order_id"));

    assertThat(body).as("body").isEqualTo(Json.parse("{\"orderId\":\"ORD-1\"}"));
  }

  @Test
  void a_required_parameter_the_model_left_out_is_a_missing_argument() {
    assertThatThrownBy(() -> HttpTemplate.body(Json.parse("{\"orderId\":\"{order_id}\",\"amount\":\"{amount}\"}"),
        Json.parse("{\"order_id\":\"ORD-1\"}"), Set.of("order_id", "amount")))
        .isInstanceOf(HttpTemplate.MissingArgumentException.class)
        .hasMessage("missing argument [amount]");
    assertThatThrownBy(() -> HttpTemplate.body(Json.parse("{\"subject\":\"Refund for {order_id}\"}"),
        Json.parse("{}"), Set.of()))
        .as("interpolation always needs its argument")
        .hasMessage("missing argument [order_id]");
  }

  @Test
  void no_template_is_no_body() throws Exception {
    assertThat(HttpTemplate.body(null, Json.parse("{}"), Set.of())).as("absent").isNull();
    assertThat(HttpTemplate.body(Json.parse("null"), Json.parse("{}"), Set.of())).as("JSON null").isNull();
  }
}
