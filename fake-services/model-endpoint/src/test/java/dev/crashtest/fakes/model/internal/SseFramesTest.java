package dev.crashtest.fakes.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseFramesTest {

  @Test
  void frames_are_padded_inside_their_json_to_the_longest_byte_length() {
    byte[] body = SseFrames.equalLength(List.of("data: {\"a\":\"é\"}\n\n", "data: {}\n\n"));

    assertThat(new String(body, StandardCharsets.UTF_8)).as("body")
        .isEqualTo("data: {\"a\":\"é\"}\n\n" + "data: {        }\n\n");
    assertThat(body.length).as("bytes").isEqualTo(2 * "data: {\"a\":\"é\"}\n\n".getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void done_travels_with_the_last_event() {
    assertThat(SseFrames.withDone(List.of("data: {}\n\n", "data: {\"b\":1}\n\n"))).as("frames")
        .containsExactly("data: {}\n\n", "data: {\"b\":1}\n\ndata: [DONE]\n\n");
  }

  @Test
  void a_frame_that_is_not_a_json_event_is_refused() {
    assertThatThrownBy(() -> SseFrames.equalLength(List.of("data: [DONE]\n\n"))).as("padding [DONE]")
        .hasMessage("an event to pad must start with [data: {], got [data: [DONE]\n\n]");
  }
}
