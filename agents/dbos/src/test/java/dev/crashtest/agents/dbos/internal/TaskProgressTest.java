package dev.crashtest.agents.dbos.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.agents.TaskStatus;
import org.junit.jupiter.api.Test;

class TaskProgressTest {

  @Test
  void no_event_yet_means_running_before_the_first_gate() {
    assertThat(TaskProgress.decode(null)).as("progress without an event").isEqualTo(TaskProgress.running(0));
  }

  @Test
  void an_encoded_progress_decodes_to_itself() {
    TaskProgress awaiting = TaskProgress.awaitingApproval(2);

    assertThat(awaiting.encode()).as("event value").isEqualTo("AWAITING_APPROVAL/2");
    assertThat(TaskProgress.decode(awaiting.encode())).as("decoded").isEqualTo(awaiting);
    assertThat(TaskProgress.decode("RUNNING/2").status()).as("status after the gate").isEqualTo(TaskStatus.RUNNING);
  }

  @Test
  void each_gate_has_its_own_approval_key() {
    assertThat(TaskProgress.awaitingApproval(1).approvalKey("T-1")).as("first gate").isEqualTo("T-1/approval/1");
    assertThat(TaskProgress.awaitingApproval(2).approvalKey("T-1")).as("second gate").isEqualTo("T-1/approval/2");
  }

  @Test
  void a_value_without_a_gate_is_refused_with_an_example() {
    assertThatThrownBy(() -> TaskProgress.decode("RUNNING")).as("decode of a bare status")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a task progress event [RUNNING]; expected e.g. RUNNING/1");
  }
}
