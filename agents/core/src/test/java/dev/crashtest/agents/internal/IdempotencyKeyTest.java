package dev.crashtest.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

  @Test
  void key_is_task_id_step_and_tool_joined_by_slashes() {
    assertThat(IdempotencyKey.of("T-1", 2, "create_quote")).as("key of step 2").isEqualTo("T-1/2/create_quote");
  }

  @Test
  void same_task_and_step_always_give_the_same_key() {
    assertThat(new ToolCall("T-9", 4, "place_order", "{}").idempotencyKey())
        .as("key derived twice")
        .isEqualTo(new ToolCall("T-9", 4, "place_order", "{\"quote_id\":\"Q-1\"}").idempotencyKey())
        .isEqualTo("T-9/4/place_order");
  }

  @Test
  void steps_count_from_one() {
    assertThatThrownBy(() -> IdempotencyKey.of("T-1", 0, "get_account"))
        .as("step 0")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tool call steps count from 1; got [0] for tool [get_account]");
  }

  @Test
  void key_needs_a_task_id() {
    assertThatThrownBy(() -> IdempotencyKey.of("", 1, "get_account"))
        .as("empty task id")
        .hasMessage("idempotency key needs a task id; got []");
  }
}
