package dev.crashtest.junit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.agent.AgentSpec;
import dev.crashtest.check.CheckResult;
import dev.crashtest.check.Verdict;
import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunResultAssertTest {
  private static final Path RUN = Path.of("target", "runs", "crm-commit-then-drop--mine");
  private static final String HISTORY = RUN.resolve("history.jsonl").toAbsolutePath().toString();
  private static final History OPS = History.of(List.of(
      new Op(0, 2_310, "crm", "mine", "place_order", OpType.OK, Map.of()),
      new Op(1, 2_980, "crm", "mine", "place_order", OpType.OK, Map.of())));
  private static final CheckResult DUPLICATED = new CheckResult("exactly-once-effects", Verdict.FAIL,
      "effect duplicated: 2 × order (O-0001 at op #0, O-0002 at op #1); send the same Idempotency-Key",
      List.of(0L, 1L, 99L));
  private static final CheckResult COMPLETED = new CheckResult("task-completed", Verdict.PASS, "completed", List.of());

  @Test
  void a_failed_run_expected_to_pass_tells_the_violation_its_evidence_the_seed_the_history_and_the_rerun() {
    RunResult result = run(RunVerdict.FAIL, "", COMPLETED, DUPLICATED);

    assertThatThrownBy(() -> Crashtest.assertThat(result).passed()).as("error")
        .isInstanceOf(AssertionError.class)
        .hasMessage("expected the run to pass, but it was FAIL\n"
            + "scenario [crm-commit-then-drop], agent [mine]: FAIL\n"
            + "  exactly-once-effects FAIL: effect duplicated: 2 × order (O-0001 at op #0, O-0002 at op #1);"
            + " send the same Idempotency-Key\n"
            + "    evidence: #0 +2310ms crm place_order OK\n"
            + "    evidence: #1 +2980ms crm place_order OK\n"
            + "    evidence: #99 (not in this run's history)\n"
            + "  seed: 7\n"
            + "  history: " + HISTORY + "\n"
            + "  reproduce: ./crashtest run --scenario crm-commit-then-drop --agent-cmd './my-agent --fast' --seed 7");
  }

  @Test
  void an_error_run_tells_its_error() {
    RunResult result = run(RunVerdict.ERROR, "the agent answered POST /tasks with 500", COMPLETED);

    assertThatThrownBy(() -> Crashtest.assertThat(result).passed()).as("error")
        .hasMessage("expected the run to pass, but it was ERROR\n"
            + "scenario [crm-commit-then-drop], agent [mine]: ERROR\n"
            + "  error: the agent answered POST /tasks with 500\n"
            + "  seed: 7\n"
            + "  history: " + HISTORY + "\n"
            + "  reproduce: ./crashtest run --scenario crm-commit-then-drop --agent-cmd './my-agent --fast' --seed 7");
  }

  @Test
  void failed_on_holds_when_exactly_those_checks_failed_and_names_the_difference_otherwise() {
    RunResult result = run(RunVerdict.FAIL, "", COMPLETED, DUPLICATED);

    assertThatCode(() -> Crashtest.assertThat(result).failedOn("exactly-once-effects")).as("exactly those")
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> Crashtest.assertThat(result).failedOn("task-completed")).as("another one")
        .isInstanceOf(ScenarioFailedError.class)
        .hasMessageStartingWith("expected the run to fail on [task-completed] and pass every other check, but it"
            + " was FAIL with violations [exactly-once-effects]\nscenario [crm-commit-then-drop], agent [mine]: FAIL\n");
    assertThatThrownBy(() -> Crashtest.assertThat(run(RunVerdict.PASS, "", COMPLETED)).failedOn("task-completed"))
        .as("a pass").hasMessageStartingWith("expected the run to fail on [task-completed] and pass every other"
            + " check, but it was PASS with no check violated\n");
  }

  @Test
  void a_check_is_asserted_by_verdict_and_message_and_a_miss_names_the_check() {
    RunResult result = run(RunVerdict.FAIL, "", COMPLETED, DUPLICATED);

    assertThatCode(() -> Crashtest.assertThat(result).check("exactly-once-effects").failed()
        .hasMessageStartingWith("effect duplicated: 2 × order").hasMessageContaining("Idempotency-Key")
        .hasMessageMatching("effect duplicated: .*")).as("holds").doesNotThrowAnyException();
    assertThatThrownBy(() -> Crashtest.assertThat(result).check("task-completed").hasMessage("lost"))
        .as("message").hasMessageStartingWith("expected the message of check [task-completed] to be [lost], but it"
            + " was [completed]\nscenario [crm-commit-then-drop]");
    assertThatThrownBy(() -> Crashtest.assertThat(result).check("exactly-once-effects").passed())
        .as("verdict").hasMessageStartingWith("expected check [exactly-once-effects] to be PASS, but it was FAIL:"
            + " effect duplicated: 2 × order");
    assertThatThrownBy(() -> Crashtest.assertThat(result).check("no-work-redone")).as("missing")
        .hasMessageStartingWith("expected check [no-work-redone] to have run, but the run's checks are"
            + " [task-completed, exactly-once-effects]\n");
  }

  @Test
  void the_entry_point_names_the_catalogue_scenarios_when_asked_for_one_it_lacks() {
    assertThatThrownBy(() -> Crashtest.scenario("crash-after-plcae-order")).as("unknown")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no scenario [crash-after-plcae-order] in the catalogue; it has happy-path,"
            + " crash-before-create-quote, crash-after-place-order, ")
        .hasMessageEndingWith("; for a scenario of your own use Scenario.named(\"crash-after-plcae-order\")");
  }

  private static RunResult run(RunVerdict verdict, String error, CheckResult... checks) {
    AgentSpec agent = AgentSpec.command("mine", List.of("./my-agent", "--fast"));
    return new RunResult("crm-commit-then-drop", "mine", 7L, verdict, List.of(checks), error, Map.of(), OPS, RUN,
        agent.arguments());
  }
}
