package dev.crashtest.scenarios;

import static dev.crashtest.scenarios.GateRuns.brokenByEnvironment;
import static dev.crashtest.scenarios.GateRuns.run;
import static dev.crashtest.scenario.RunVerdict.ERROR;
import static dev.crashtest.scenario.RunVerdict.FAIL;
import static dev.crashtest.scenario.RunVerdict.PASS;
import static dev.crashtest.scenario.RunVerdict.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.Seeds;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class FailPolicyTest {
  private static final Predicate<String> NONE_EXPERIMENTAL = name -> false;
  private static final Predicate<String> MODEL_STREAM_CUT_EXPERIMENTAL = name -> name.equals("model-stream-cut");

  @Test
  void no_fail_on_option_means_any_fail_or_error_fails_the_run() {
    FailPolicy policy = FailPolicy.parse(List.of());

    List<FailPolicy.Finding> findings = policy.judge(List.of(run("happy-path", "naive", PASS),
        run("crash-before-create-quote", "naive", FAIL), run("model-stream-cut", "python", ERROR),
        run("platform-restart", "naive", SKIPPED)), 1, NONE_EXPERIMENTAL);

    assertThat(policy.tokens()).as("tokens").containsExactly("fail");
    assertThat(findings).as("findings").extracting(FailPolicy.Finding::toString).containsExactly(
        "crash-before-create-quote × naive: FAIL (task-completed)", "model-stream-cut × python: ERROR");
    assertThat(findings).as("gating").allMatch(FailPolicy.Finding::gating);
  }

  @Test
  void an_experimental_scenarios_failure_is_reported_but_gates_only_with_fail_on_experimental() {
    List<RunResult> runs = List.of(run("model-stream-cut", "naive", FAIL, "bounded-retries"));

    FailPolicy.Finding byDefault = FailPolicy.standard().judge(runs, 1, MODEL_STREAM_CUT_EXPERIMENTAL).get(0);
    FailPolicy.Finding widened = FailPolicy.parse(List.of("experimental")).judge(runs, 1,
        MODEL_STREAM_CUT_EXPERIMENTAL).get(0);

    assertThat(byDefault.gating()).as("gating by default").isFalse();
    assertThat(byDefault.toString()).as("reported").isEqualTo("model-stream-cut × naive: FAIL (bounded-retries)"
        + " (experimental: reported, not gating; --fail-on experimental gates it)");
    assertThat(widened.gating()).as("gating with --fail-on experimental").isTrue();
    assertThat(widened.toString()).as("widened").isEqualTo("model-stream-cut × naive: FAIL (bounded-retries)");
  }

  @Test
  void skipped_makes_a_skipped_scenario_fail_the_run_and_keeps_the_fail_rule() {
    FailPolicy policy = FailPolicy.parse(List.of("skipped"));

    List<FailPolicy.Finding> findings = policy.judge(List.of(run("platform-restart", "naive", SKIPPED),
        run("crash-after-place-order", "naive", FAIL)), 1, NONE_EXPERIMENTAL);

    assertThat(findings).as("findings").extracting(FailPolicy.Finding::toString).containsExactly(
        "platform-restart × naive: SKIPPED", "crash-after-place-order × naive: FAIL (task-completed)");
  }

  @Test
  void pass_k_fails_a_cell_whose_pass_k_over_its_tries_is_below_the_threshold() {
    List<RunResult> flaky = List.of(run("happy-path", "python", Seeds.forRepeat(42L, 0), PASS),
        run("happy-path", "python", Seeds.forRepeat(42L, 1), FAIL),
        run("happy-path", "python", Seeds.forRepeat(42L, 2), PASS),
        run("happy-path", "naive", Seeds.forRepeat(42L, 0), PASS),
        run("happy-path", "naive", Seeds.forRepeat(42L, 1), PASS),
        run("happy-path", "naive", Seeds.forRepeat(42L, 2), PASS));

    List<FailPolicy.Finding> findings = FailPolicy.parse(List.of("pass-k>=0.9")).judge(flaky, 3, NONE_EXPERIMENTAL);

    assertThat(findings).as("findings").extracting(FailPolicy.Finding::toString)
        .containsExactly("happy-path × python: pass^3 0.00 below 0.9 (2 of 3 tries passed)");
  }

  @Test
  void the_colon_form_is_the_same_rule_as_the_quoted_one_and_needs_no_quotes_in_a_shell() {
    List<RunResult> flaky = List.of(run("happy-path", "python", Seeds.forRepeat(42L, 0), PASS),
        run("happy-path", "python", Seeds.forRepeat(42L, 1), FAIL),
        run("happy-path", "python", Seeds.forRepeat(42L, 2), PASS));

    assertThat(FailPolicy.parse(List.of("pass-k:0.9")).judge(flaky, 3, NONE_EXPERIMENTAL))
        .as("pass-k:0.9").extracting(FailPolicy.Finding::toString)
        .containsExactly("happy-path × python: pass^3 0.00 below 0.9 (2 of 3 tries passed)");
    assertThat(FailPolicy.parse(List.of("pass-2:0.3")).judge(flaky, 3, NONE_EXPERIMENTAL))
        .as("pass-2:0.3, pass^2 = C(2,2)/C(3,2) = 0.33").isEmpty();
    assertThat(FailPolicy.parse(List.of("pass-k:0.9", "pass-k>=0.9"))).as("both forms at once, one rule")
        .hasToString("--fail-on pass-k:0.9,pass-k>=0.9");
  }

  @Test
  void a_bare_pass_k_says_the_shell_probably_took_the_threshold_and_shows_both_safe_forms() {
    assertThatThrownBy(() -> FailPolicy.parse(List.of("pass-k")))
        .as("pass-k after the shell ate >=0.9").isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--fail-on [pass-k] has no threshold: the shell probably took '>=X' as a redirection into a"
            + " file named '=X'; write --fail-on pass-k:0.9, or quote it: --fail-on 'pass-k>=0.9'");
    assertThatThrownBy(() -> FailPolicy.parse(List.of("pass-3,experimental")))
        .as("pass-3").hasMessage("--fail-on [pass-3] has no threshold: the shell probably took '>=X' as a"
            + " redirection into a file named '=X'; write --fail-on pass-3:0.9, or quote it: --fail-on"
            + " 'pass-3>=0.9'");
  }

  @Test
  void pass_n_estimates_pass_n_from_more_tries_and_so_tolerates_a_rare_flake() {
    List<RunResult> nineOfTen = new java.util.ArrayList<>();
    for (int r = 0; r < 10; r++) {
      nineOfTen.add(run("happy-path", "python", Seeds.forRepeat(42L, r), r == 4 ? FAIL : PASS));
    }

    assertThat(FailPolicy.parse(List.of("pass-3>=0.7")).judge(nineOfTen, 10, NONE_EXPERIMENTAL))
        .as("pass^3 = C(9,3)/C(10,3) = 0.7 meets 0.7").isEmpty();
    assertThat(FailPolicy.parse(List.of("pass-3>=0.75")).judge(nineOfTen, 10, NONE_EXPERIMENTAL))
        .as("below 0.75").extracting(FailPolicy.Finding::toString)
        .containsExactly("happy-path × python: pass^3 0.70 below 0.75 (9 of 10 tries passed)");
  }

  @Test
  void none_fails_nothing_and_runs_the_environment_broke_never_count_as_the_agents() {
    List<RunResult> runs = List.of(run("crash-before-create-quote", "naive", FAIL),
        brokenByEnvironment("happy-path", "naive"));

    assertThat(FailPolicy.parse(List.of("none")).judge(runs, 1, NONE_EXPERIMENTAL)).as("none").isEmpty();
    assertThat(FailPolicy.standard().judge(runs, 1, NONE_EXPERIMENTAL)).as("fail")
        .extracting(FailPolicy.Finding::scenario).containsExactly("crash-before-create-quote");
  }

  @Test
  void tokens_come_comma_separated_or_repeated_in_any_case() {
    FailPolicy policy = FailPolicy.parse(List.of("Experimental, skipped", "pass-k>=1"));

    assertThat(policy).as("policy").hasToString("--fail-on experimental,skipped,pass-k>=1");
  }

  @Test
  void an_unknown_token_is_named_with_the_valid_ones() {
    assertThatThrownBy(() -> FailPolicy.parse(List.of("fail,flaky")))
        .as("unknown token").isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--fail-on does not know [flaky]; valid: fail, pass-k:X, pass-N:X, none, experimental,"
            + " skipped (X from 0 to 1, e.g. pass-k:0.9, or quoted: 'pass-k>=0.9')");
    assertThatThrownBy(() -> FailPolicy.parse(List.of("pass-k>=1.5")))
        .as("threshold above 1").hasMessageStartingWith("--fail-on does not know [pass-k>=1.5]; valid: ");
    assertThatThrownBy(() -> FailPolicy.parse(List.of("pass-k:1.5")))
        .as("threshold above 1, colon form").hasMessageStartingWith("--fail-on does not know [pass-k:1.5]; valid: ");
  }

  @Test
  void two_rules_for_verdicts_or_none_with_a_widening_are_refused() {
    assertThatThrownBy(() -> FailPolicy.parse(List.of("fail", "pass-k>=0.9")))
        .as("two verdict rules").hasMessage("--fail-on [fail] and [pass-k>=0.9] both say which verdicts fail the"
            + " run; give one of fail, pass-k:X, pass-N:X, none");
    assertThatThrownBy(() -> FailPolicy.parse(List.of("none,skipped")))
        .as("none and a widening").hasMessage("--fail-on [none] fails nothing; it cannot be combined with [skipped]");
  }

  @Test
  void pass_n_needs_at_least_n_tries() {
    FailPolicy policy = FailPolicy.parse(List.of("pass-5>=0.9"));

    assertThatThrownBy(() -> policy.requireTries(3)).as("too few tries")
        .hasMessage("--fail-on [pass-5>=0.9] needs at least 5 tries per scenario × agent; got --repeat 3 (for"
            + " example: --repeat 5)");
  }
}
