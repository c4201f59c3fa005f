package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad options of {@code run} and {@code compare} are usage errors (exit 2), caught before anything starts. */
class CampaignOptionsTest {
  @TempDir Path out;

  @Test
  void repeat_below_one_is_a_usage_error_with_an_example() {
    Console run = Console.capture(() -> CrashtestCli.execute("run", "--repeat", "0", "--out", out.toString()));

    assertThat(run.code()).as("exit code").isEqualTo(2);
    assertThat(run.err()).as("error").contains("--repeat takes 1 to 100 tries, got [0]; for example: --repeat 3");
    assertThat(out.resolve("report.json")).as("report").doesNotExist();
  }

  @Test
  void a_crash_point_that_names_no_call_is_a_usage_error_with_an_example() {
    Console run = Console.capture(() -> CrashtestCli.execute("run", "--scenario", "crash-point-sweep[place_order]",
        "--out", out.toString()));

    assertThat(run.code()).as("exit code").isEqualTo(2);
    assertThat(run.err()).as("error").contains("crash point [crash-point-sweep[place_order]] does not name a call as"
        + " service:operation#n; for example: crash-point-sweep[crm:place_order#1]");
  }

  @Test
  void unknown_agents_stay_a_usage_error_for_compare() {
    Console run = Console.capture(() -> CrashtestCli.execute("compare", "--agent", "naive,langgraph",
        "--out", out.toString()));

    assertThat(run.code()).as("exit code").isEqualTo(2);
    assertThat(run.err()).as("error").contains("unknown agent [langgraph]; known agents: naive, naive-streaming");
  }

  @Test
  void the_sweep_is_listed_among_the_known_scenarios() {
    Console run = Console.capture(() -> CrashtestCli.execute("run", "--scenario", "crash-everything",
        "--out", out.toString()));

    assertThat(run.code()).as("exit code").isEqualTo(2);
    assertThat(run.err()).as("error").containsPattern("known scenarios: happy-path, .*, crash-point-sweep\\R");
  }

  @Test
  void an_unknown_fail_on_policy_is_one_line_naming_it_and_the_valid_ones() {
    Console run = Console.capture(() -> CrashtestCli.execute("run", "--fail-on", "fail,flaky", "--out",
        out.toString()));

    assertThat(run.code()).as("exit code").isEqualTo(2);
    assertThat(run.err()).as("error").isEqualTo("crashtest run: --fail-on does not know [flaky]; valid: fail,"
        + " pass-k>=X, pass-N>=X, none, experimental, skipped (X from 0 to 1, e.g. pass-k>=0.9)"
        + System.lineSeparator());
    assertThat(out.resolve("report.json")).as("report").doesNotExist();
  }

  @Test
  void a_shard_outside_1_to_n_is_a_usage_error() {
    Console run = Console.capture(() -> CrashtestCli.execute("run", "--shard", "3/2", "--seed", "42", "--out",
        out.toString()));

    assertThat(run.code()).as("exit code").isEqualTo(2);
    assertThat(run.err()).as("error").isEqualTo("crashtest run: --shard takes i/n with 1 <= i <= n <= 1000, got"
        + " [3/2]; for example: --shard 1/2" + System.lineSeparator());
  }

  @Test
  void a_shard_without_a_seed_is_a_usage_error_since_shards_must_share_one() {
    Console run = Console.capture(() -> CrashtestCli.execute("compare", "--shard", "1/2", "--out", out.toString()));

    assertThat(run.code()).as("exit code").isEqualTo(2);
    assertThat(run.err()).as("error").isEqualTo("crashtest compare: --shard 1/2 needs --seed, the same in every"
        + " shard, so the shards split one campaign; for example: --shard 1/2 --seed 42" + System.lineSeparator());
  }

  @Test
  void a_missing_baseline_is_a_usage_error_naming_the_file() {
    Path missing = out.resolve("previous/report.json");

    Console run = Console.capture(() -> CrashtestCli.execute("run", "--baseline", missing.toString(), "--out",
        out.toString()));

    assertThat(run.code()).as("exit code").isEqualTo(2);
    assertThat(run.err()).as("error").isEqualTo("crashtest run: --baseline [" + missing + "] does not exist or is"
        + " not a file" + System.lineSeparator());
  }
}
