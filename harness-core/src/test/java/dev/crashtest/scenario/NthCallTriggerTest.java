package dev.crashtest.scenario;

import static dev.crashtest.scenario.OpsBuilder.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.history.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

class NthCallTriggerTest {

  @Test
  void fires_on_the_nth_answer_of_the_operation_only() {
    Trigger second = Triggers.nthCall("model", "chat_completion", 2);
    List<Op> run = ops().submit("t-1").model(1, "get_account").read("get_account").model(2, "create_quote")
        .model(3, "request_approval").list();

    assertThat(run).as("ops the trigger fires on").filteredOn(op -> second.firesOn(op, 0))
        .extracting(op -> op.number("turn", -1)).containsExactly(2L);
  }

  @Test
  void counts_afresh_for_each_new_task_and_not_for_a_resubmitted_one() {
    Trigger first = Triggers.nthCall("crm", "get_account", 1);
    List<Op> twoRuns = ops().submit("t-1").read("get_account").submit("t-1").read("get_account")
        .submit("t-2").read("get_account").list();

    assertThat(twoRuns).as("fires once per task").filteredOn(op -> first.firesOn(op, 0))
        .extracting(Op::index).containsExactly(2L, 8L);
  }

  @Test
  void reads_as_when_it_fires_and_refuses_n_below_one() {
    assertThat(Triggers.nthCall("crm", "place_order", 1).describe())
        .isEqualTo("right after the crm answered [place_order] #1");
    assertThatThrownBy(() -> Triggers.nthCall("crm", "place_order", 0))
        .hasMessage("nthCall needs n >= 1, got [0]; for example: nthCall(\"crm\", \"place_order\", 1)");
  }
}
