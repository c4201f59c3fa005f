package dev.crashtest.scenario;

import static dev.crashtest.scenario.OpsBuilder.ops;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.history.History;
import dev.crashtest.history.OpType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each trigger kind says what the run did instead of what it waited for. */
class NearestMissTest {

  /** A happy path whose order was placed, the note too; no 429, no restart. */
  private static History happyPath() {
    return ops().submit("t-1").status("t-1", "RUNNING")
        .after(100).model(1, "get_account").after(10).read("get_account")
        .after(10).model(2, "create_quote").after(10).write("create_quote", "t-1/2/create_quote", "quote", "Q-1")
        .after(10).model(3, "request_approval").status("t-1", "AWAITING_APPROVAL")
        .after(10).model(4, "place_order").after(10).write("place_order", "t-1/4/place_order", "order", "O-1")
        .after(10).replay("place_order", "t-1/4/place_order")
        .after(10).model(5, "add_note").after(10).write("add_note", "t-1/5/add_note", "note", "N-1")
        .after(10).model(6).status("t-1", "COMPLETED").build();
  }

  @Test
  void a_step_the_agent_never_entered_lists_the_tools_the_model_asked_for() {
    assertThat(Triggers.agentEnters("create_qoute").nearestMiss(happyPath())).as("agentEnters")
        .isEqualTo("the model asked for: get_account, create_quote, request_approval, place_order, add_note");
    assertThat(Triggers.agentEnters("x").nearestMiss(ops().submit("t-1").build())).as("no model call")
        .isEqualTo("the model asked for no tool");
  }

  @Test
  void a_write_the_crm_never_committed_lists_what_it_committed_replays_left_out() {
    assertThat(Triggers.crmCommitted("place_ordr").nearestMiss(happyPath())).as("crmCommitted")
        .isEqualTo("the CRM committed: create_quote, place_order, add_note");
    assertThat(Triggers.crmCommitted("place_order").nearestMiss(ops().submit("t-1").read("get_account").build()))
        .as("nothing committed").isEqualTo("the CRM committed nothing");
  }

  @Test
  void a_gate_never_reached_lists_the_states_the_task_reported() {
    History noGate = ops().submit("t-1").status("t-1", "RUNNING").status("t-1", "FAILED").build();

    assertThat(Triggers.taskAwaitsApproval().nearestMiss(noGate)).as("taskAwaitsApproval")
        .isEqualTo("the task never awaited approval; the states it reported: RUNNING, FAILED");
    assertThat(Triggers.taskAwaitsApproval().nearestMiss(ops().submit("t-1").build())).as("no status")
        .isEqualTo("the task never awaited approval; it reported no state");
  }

  @Test
  void the_nth_call_counts_the_agents_answers_of_that_service_for_the_last_task() {
    assertThat(Triggers.nthCall("crm", "place_order", 3).nearestMiss(happyPath())).as("nthCall")
        .isEqualTo("the crm answered [place_order] 2 time(s) of 3; it answered the agent: get_account ×1,"
            + " create_quote ×1, place_order ×2, add_note ×1");
    assertThat(Triggers.nthCall("crm", "place_ordr", 1).nearestMiss(ops().submit("t-1").build())).as("no call")
        .isEqualTo("the crm answered [place_ordr] 0 time(s) of 1; it answered the agent nothing");
  }

  @Test
  void crm_call_counts_and_timed_triggers_say_how_far_the_run_got() {
    assertThat(Triggers.afterCrmCalls(9).nearestMiss(happyPath())).as("afterCrmCalls")
        .isEqualTo("the run made 5 CRM call(s)");
    assertThat(Triggers.atTime(Duration.ofSeconds(60)).nearestMiss(happyPath())).as("atTime")
        .isEqualTo("the run ended after 200 ms");
  }

  @Test
  void a_trigger_of_ones_own_has_no_nearest_miss_unless_it_says_one() {
    Trigger custom = new Trigger() {
      @Override
      public boolean firesOn(dev.crashtest.history.Op op, int crmCallsSoFar) {
        return false;
      }

      @Override
      public String describe() {
        return "never";
      }
    };

    assertThat(custom.nearestMiss(happyPath())).as("default").isEmpty();
  }

  @Test
  void a_missed_fault_makes_the_run_an_error_naming_it_and_the_nearest_miss_unless_optional() {
    History history = ops().submit("t-1")
        .op("harness", "runner", "fault_missed", OpType.INFO, "fault", "kill -9 the agent right after the CRM committed"
            + " [place_ordr], restart it after 200 ms", "kind", "ProcessCrash", "trigger", "right after the CRM"
            + " committed [place_ordr]", "nearestMiss", "the CRM committed: create_quote, place_order, add_note",
            "optional", false)
        .op("harness", "runner", "fault_missed", OpType.INFO, "fault", "SIGSTOP the agent", "kind", "ProcessPause",
            "trigger", "at 0 ms", "nearestMiss", "", "optional", true)
        .build();

    assertThat(RunIntegrity.untested(history)).as("untested").contains("fault [kill -9 the agent right after the CRM"
        + " committed [place_ordr], restart it after 200 ms] never fired: trigger [right after the CRM committed"
        + " [place_ordr]] never fired; the CRM committed: create_quote, place_order, add_note; the run tested nothing"
        + " of it: fix the trigger, or declare the fault optional()");
  }

  @Test
  void a_fault_that_failed_to_apply_and_a_rejected_event_make_the_run_an_error() {
    History history = ops().submit("t-1")
        .op("harness", "nemesis", "fault_failed", OpType.FAIL, "fault", "kill -9 the platform at 0 ms", "kind",
            "ProcessCrash", "error", "naive runs on no platform: there is nothing to kill")
        .op("harness", "runner", "event_rejected", OpType.FAIL, "body", "{\"service\":\"crm\"}", "error",
            "event has no [time]: {\"service\":\"crm\"}")
        .build();

    assertThat(RunIntegrity.untested(history)).as("untested").contains("fault [kill -9 the platform at 0 ms] fired but"
        + " could not be applied (op #2): naive runs on no platform: there is nothing to kill");
    assertThat(RunIntegrity.unjudgeable(history)).as("unjudgeable").contains("a service sent an event the history"
        + " cannot take (op #3): event has no [time]: {\"service\":\"crm\"}; the history misses that op, so the run"
        + " cannot be judged; the event's body: [{\"service\":\"crm\"}]");
    assertThat(RunIntegrity.untested(ops().submit("t-1").build())).as("a clean run, untested").isEmpty();
    assertThat(RunIntegrity.unjudgeable(ops().submit("t-1").build())).as("a clean run, unjudgeable").isEmpty();
  }

  @Test
  void a_fault_the_broken_environment_could_not_apply_makes_the_history_unjudgeable() {
    History history = ops().submit("t-1")
        .op("harness", "nemesis", "fault_failed", OpType.FAIL, "fault", "model outage at 0 ms", "kind",
            "NetworkFault", "error", "the fault proxy refused [model outage at 0 ms]: Connection refused")
        .op("harness", "runner", "environment_failed", OpType.INFO, "error", "fault [model outage at 0 ms] could not"
            + " be applied: the fault proxy refused [model outage at 0 ms]: Connection refused")
        .build();

    assertThat(RunIntegrity.unjudgeable(history)).as("unjudgeable").contains("fault [model outage at 0 ms] fired but"
        + " could not be applied (op #2): the fault proxy refused [model outage at 0 ms]: Connection refused");
  }
}
