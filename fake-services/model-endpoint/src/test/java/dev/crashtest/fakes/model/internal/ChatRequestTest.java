package dev.crashtest.fakes.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class ChatRequestTest {

  private static String errorOf(String body) {
    OpenAiError error = catchThrowableOfType(OpenAiError.class, () -> ChatRequest.parse(body));
    assertThat(error).as("error for " + body).isNotNull();
    assertThat(error.status()).as("status").isEqualTo(400);
    return error.toJson();
  }

  @Test
  void a_valid_request_is_read_with_its_stream_flags() {
    ChatRequest request = ChatRequest.parse("{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": "
        + "\"hi\"}], \"stream\": true, \"stream_options\": {\"include_usage\": true}, \"temperature\": 0}");

    assertThat(request.model()).as("model").isEqualTo("m");
    assertThat(request.stream()).as("stream").isTrue();
    assertThat(request.includeUsage()).as("include usage").isTrue();
    assertThat(request.tools().isArray()).as("tools default to an empty array").isTrue();
  }

  @Test
  void malformed_requests_get_openai_shaped_errors_naming_the_parameter() {
    assertThat(errorOf("not json")).as("not JSON").isEqualTo("{\"error\":{\"message\":\"We could not parse the "
        + "JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The "
        + "OpenAI API expects a JSON payload.)\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");
    assertThat(errorOf("{\"model\": \"m\"}")).as("no messages").isEqualTo("{\"error\":{\"message\":\"Missing "
        + "required parameter: 'messages'.\",\"type\":\"invalid_request_error\",\"param\":\"messages\","
        + "\"code\":\"missing_required_parameter\"}}");
    assertThat(errorOf("{\"model\": \"m\", \"messages\": \"hi\"}")).as("messages not an array")
        .contains("\"message\":\"Invalid type for 'messages': expected an array, but got string instead.\"",
            "\"code\":\"invalid_type\"");
    assertThat(errorOf("{\"messages\": [{\"role\": \"user\"}]}")).as("no model")
        .contains("\"param\":\"model\"", "\"code\":\"missing_required_parameter\"");
    assertThat(errorOf("{\"model\": \"m\", \"messages\": [{\"content\": \"x\"}]}")).as("no role")
        .contains("\"message\":\"Missing required parameter: 'messages[0].role'.\"");
    assertThat(errorOf("{\"model\": \"m\", \"messages\": []}")).as("empty messages")
        .contains("\"code\":\"empty_array\"");
    assertThat(errorOf("{\"model\": \"m\", \"messages\": [{\"role\": \"user\"}], \"stream\": \"yes\"}"))
        .as("stream not a boolean").contains("\"param\":\"stream\"");
  }
}
