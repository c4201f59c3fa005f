package dev.crashtest.fakes.mcp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolTemplateTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void a_path_argument_is_one_url_encoded_segment() throws Exception {
    assertThat(ToolTemplate.path("/accounts/{account_id}/notes", args("{\"account_id\":\"A/1 b\"}")))
        .isEqualTo("/accounts/A%2F1%20b/notes");
  }

  @Test
  void a_body_value_that_is_exactly_a_placeholder_keeps_the_arguments_json_type() throws Exception {
    JsonNode body = ToolTemplate.body("{\"accountId\":\"{account_id}\",\"quantity\":\"{quantity}\","
        + "\"text\":\"for {account_id}\",\"fixed\":true}", args("{\"account_id\":\"ACME-001\",\"quantity\":3}"),
        Set.of("account_id", "quantity"));

    assertThat(body).isEqualTo(JSON.readTree(
        "{\"accountId\":\"ACME-001\",\"quantity\":3,\"text\":\"for ACME-001\",\"fixed\":true}"));
  }

  @Test
  void an_optional_argument_not_sent_is_left_out_and_a_required_one_is_missing() throws Exception {
    assertThat(ToolTemplate.body("{\"a\":\"{a}\",\"b\":\"{b}\"}", args("{\"a\":1}"), Set.of("a")))
        .isEqualTo(JSON.readTree("{\"a\":1}"));
    assertThatThrownBy(() -> ToolTemplate.body("{\"b\":\"{b}\"}", args("{}"), Set.of("b")))
        .hasMessage("missing argument [b]");
  }

  private static JsonNode args(String json) throws Exception {
    return JSON.readTree(json);
  }
}
