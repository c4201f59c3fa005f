package dev.crashtest.fakes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ModelFaultTest {

  @Test
  void each_factory_describes_what_the_client_sees() {
    assertThat(ModelFault.rateLimited(Duration.ofMillis(1001)).describe()).as("rate limited")
        .isEqualTo("429 rate_limit_exceeded with Retry-After 2 s");
    assertThat(ModelFault.serverError(500).describe()).as("server error").isEqualTo("500 server_error");
    assertThat(ModelFault.overloaded().describe()).as("overloaded").isEqualTo("529 overloaded_error");
    assertThat(ModelFault.delay(Duration.ofMillis(2500)).describe()).as("delay").isEqualTo("answers after 2500 ms");
    assertThat(ModelFault.malformedJson().describe()).as("malformed").isEqualTo("200 with JSON cut in half");
    assertThat(ModelFault.streamCutAfter(1).describe()).as("stream cut")
        .isEqualTo("connection cut after 1 chunk without [DONE] (plain answers: mid-body)");
    assertThat(ModelFault.slowStream(Duration.ofMillis(200)).describe()).as("slow stream")
        .isEqualTo("stream chunks 200 ms apart");
    assertThat(ModelFault.contextLengthExceeded(4096).describe()).as("context length")
        .isEqualTo("400 context_length_exceeded when the prompt exceeds 4096 tokens");
    assertThat(ModelFault.wrongToolArguments().describe()).as("wrong arguments")
        .isEqualTo("tool calls with a wrong argument (seed 0)");
  }

  @Test
  void each_factory_has_the_stable_name_events_carry() {
    assertThat(new String[] {ModelFault.rateLimited(Duration.ZERO).name(), ModelFault.serverError(502).name(),
        ModelFault.overloaded().name(), ModelFault.delay(Duration.ZERO).name(), ModelFault.malformedJson().name(),
        ModelFault.streamCutAfter(0).name(), ModelFault.slowStream(Duration.ZERO).name(),
        ModelFault.contextLengthExceeded(1).name(), ModelFault.wrongToolArguments(9).name()})
        .as("names").containsExactly("rate_limited", "server_error", "overloaded", "delay", "malformed_json",
            "stream_cut", "slow_stream", "context_length_exceeded", "wrong_tool_arguments");
  }

  @Test
  void modifiers_return_new_instances_and_leave_the_original_alone() {
    ModelFault original = ModelFault.overloaded();

    ModelFault scoped = original.whenToolCall("create_quote").forRequests(2);

    assertThat(original.describe()).as("original").isEqualTo("529 overloaded_error");
    assertThat(scoped.describe()).as("scoped")
        .isEqualTo("529 overloaded_error, only answers calling create_quote, next 2 requests");
    assertThat(scoped).as("scoped").isNotSameAs(original).isNotEqualTo(original)
        .isEqualTo(ModelFault.overloaded().forRequests(2).whenToolCall("create_quote"));
    assertThat(ModelFault.overloaded().forRequests(1).describe()).as("one request")
        .isEqualTo("529 overloaded_error, next request");
  }

  @Test
  void a_server_error_status_other_than_500_502_503_is_refused_with_the_fix() {
    assertThatThrownBy(() -> ModelFault.serverError(404)).as("serverError(404)")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model fault [server_error]: [status] 404 is not a server error the fake model answers with; "
            + "use 500, 502 or 503 (or overloaded() for 529)");
  }

  @Test
  void bad_parameters_are_refused_with_one_line_naming_them() {
    assertThatThrownBy(() -> ModelFault.rateLimited(Duration.ofSeconds(-1))).as("negative retry after")
        .hasMessage("model fault [rate_limited]: [retryAfterSeconds] -1.0 is negative; use 0 for an immediate retry");
    assertThatThrownBy(() -> ModelFault.streamCutAfter(-1)).as("negative chunks")
        .hasMessage("model fault [stream_cut]: [chunks] -1 is negative; use 0 to cut right after the headers");
    assertThatThrownBy(() -> ModelFault.contextLengthExceeded(0)).as("zero budget")
        .hasMessage("model fault [context_length_exceeded]: [tokenBudget] 0 must be at least 1 token");
    assertThatThrownBy(() -> ModelFault.delay(Duration.ofHours(2))).as("two hour delay")
        .hasMessage("model fault [delay]: [delayMillis] 7200000 is not between 0 and 3600000 ms");
    assertThatThrownBy(() -> ModelFault.overloaded().forRequests(0)).as("forRequests(0)")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model fault [overloaded]: forRequests(0) must be at least 1; leave it out for a fault that "
            + "lasts until healed");
    assertThatThrownBy(() -> ModelFault.overloaded().whenToolCall(" ")).as("blank tool")
        .hasMessage("model fault [overloaded]: [whenToolCall] is blank; give a tool name such as create_quote");
  }
}
