package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
  void jobs_outside_1_to_16_is_a_usage_error_with_an_example() {
    Console run = Console.capture(() -> CrashtestCli.execute("run", "--jobs", "0", "--out", out.toString()));
    Console explore = Console.capture(() -> CrashtestCli.execute("explore", "--jobs", "17", "--out", out.toString()));

    assertThat(run.code()).as("exit code; output:%n%s", run.err()).isEqualTo(2);
    assertThat(run.err()).as("error").contains("--jobs takes 1 to 16 runs at once, got [0]; for example: --jobs 4");
    assertThat(explore.code()).as("exit code; output:%n%s", explore.err()).isEqualTo(2);
    assertThat(explore.err()).as("error").contains("--jobs takes 1 to 16 runs at once, got [17]");
  }

  @Test
  void a_negative_repeat_is_a_usage_error_about_repeat_not_about_the_fail_on_policy() {
    Console run = Console.capture(() -> CrashtestCli.execute("run", "--repeat", "-3", "--out", out.toString()));

    assertThat(run.code()).as("exit code").isEqualTo(2);
    assertThat(run.err()).as("error").isEqualTo("crashtest run: --repeat takes 1 to 100 tries, got [-3]; for"
        + " example: --repeat 3" + System.lineSeparator());
  }

  @Test
  void a_seed_that_is_not_a_number_is_one_line_naming_it() {
    Console run = Console.capture(() -> CrashtestCli.execute("run", "--seed", "forty-two", "--out", out.toString()));

    assertThat(run.code()).as("exit code").isEqualTo(2);
    assertThat(run.err()).as("error").isEqualTo("crashtest run: Invalid value for option '--seed': 'forty-two' is"
        + " not a long" + System.lineSeparator());
  }

  @Test
  void out_naming_a_file_is_a_usage_error_before_anything_runs() throws Exception {
    Path file = Files.writeString(out.resolve("notes.txt"), "mine");

    Console run = Console.capture(() -> CrashtestCli.execute("run", "--out", file.toString()));

    assertThat(run.code()).as("exit code").isEqualTo(2);
    assertThat(run.err()).as("error").isEqualTo("crashtest run: --out [" + file + "] is a file, not a directory;"
        + " name a directory (it is created if missing), for example: --out crashtest-out" + System.lineSeparator());
    assertThat(run.out()).as("nothing started").isEmpty();
    assertThat(Files.readString(file)).as("the file").isEqualTo("mine");
  }

  @Test
  void out_that_cannot_be_created_is_a_usage_error_naming_the_cause() throws Exception {
    Path file = Files.writeString(out.resolve("notes.txt"), "mine");
    Path under = file.resolve("reports");

    Console run = Console.capture(() -> CrashtestCli.execute("run", "--out", under.toString()));

    assertThat(run.code()).as("exit code").isEqualTo(2);
    assertThat(run.err()).as("error").isEqualTo("crashtest run: --out [" + under + "] cannot be written (["
        + file + "] is a file); choose a directory you may write to, for example: --out crashtest-out"
        + System.lineSeparator());
    assertThat(run.out()).as("nothing started").isEmpty();
  }

  @Test
  void out_in_a_read_only_directory_is_a_usage_error() throws Exception {
    Path readOnly = Files.createDirectory(out.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    // root may write anywhere: then the kernel's read-only /proc/sys stands in for a directory nobody may write
    Path target = isRoot() ? Path.of("/proc/sys/crashtest-out") : readOnly.resolve("reports");

    Console run = Console.capture(() -> CrashtestCli.execute("run", "--out", target.toString()));

    assertThat(run.code()).as("exit code").isEqualTo(2);
    assertThat(run.err()).as("error").startsWith("crashtest run: --out [" + target + "] cannot be written (")
        .endsWith("); choose a directory you may write to, for example: --out crashtest-out"
            + System.lineSeparator());
    assertThat(run.out()).as("nothing started").isEmpty();
  }

  @Test
  void an_empty_out_is_a_usage_error_not_the_current_directory() {
    Console run = Console.capture(() -> CrashtestCli.execute("run", "--out", ""));

    assertThat(run.code()).as("exit code").isEqualTo(2);
    assertThat(run.err()).as("error").isEqualTo("crashtest run: --out needs a directory, got an empty name; for"
        + " example: --out crashtest-out" + System.lineSeparator());
    assertThat(Path.of("report.json")).as("report in the current directory").doesNotExist();
  }

  @Test
  void merge_checks_its_out_too() throws Exception {
    Path file = Files.writeString(out.resolve("notes.txt"), "mine");
    Path report = Files.writeString(out.resolve("report.json"), "{}");

    Console run = Console.capture(() -> CrashtestCli.execute("merge", "--out", file.toString(), report.toString()));

    assertThat(run.code()).as("exit code").isEqualTo(2);
    assertThat(run.err()).as("error").contains("--out [" + file + "] is a file, not a directory");
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
    Console run = Console.capture(() -> CrashtestCli.execute("compare", "--agent", "naive,autogen",
        "--out", out.toString()));

    assertThat(run.code()).as("exit code").isEqualTo(2);
    assertThat(run.err()).as("error").contains("unknown agent [autogen]; known agents: naive, naive-streaming");
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
        + " pass-k:X, pass-N:X, none, experimental, skipped (X from 0 to 1, e.g. pass-k:0.9, or quoted:"
        + " 'pass-k>=0.9')"
        + System.lineSeparator());
    assertThat(out.resolve("report.json")).as("report").doesNotExist();
  }

  @Test
  void fail_on_pass_k_pasted_unquoted_says_what_the_shell_did() {
    // what "--fail-on pass-k>=0.9" leaves after the shell took ">=0.9" as a redirection
    Console run = Console.capture(() -> CrashtestCli.execute("run", "--fail-on", "pass-k", "--repeat", "3",
        "--out", out.toString()));

    assertThat(run.code()).as("exit code").isEqualTo(2);
    assertThat(run.err()).as("error").isEqualTo("crashtest run: --fail-on [pass-k] has no threshold: the shell"
        + " probably took '>=X' as a redirection into a file named '=X'; write --fail-on pass-k:0.9, or quote it:"
        + " --fail-on 'pass-k>=0.9'" + System.lineSeparator());
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

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
