package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.scenarios.zoo.Bug;
import dev.crashtest.scenarios.zoo.BugZoo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bug zoo in the build: {@code ./crashtest self-test} catches every broken agent with the checker that claims to
 * catch it, and the reference agent passes the same scenarios. The project's mutation score, kept at 100 %.
 */
class SelfTestIT {
  @TempDir Path out;

  @Test
  void self_test_catches_every_bug_of_the_zoo_and_raises_no_false_alarm() {
    Console run = Console.capture(() -> CrashtestCli.execute("self-test", "--seed", "42", "--out", out.toString()));

    assertThat(run.code()).as("exit code; output:%n%s%s", run.out(), run.err()).isEqualTo(0);
    int catches = BugZoo.all().stream().mapToInt(bug -> bug.catches().size()).sum();
    assertThat(run.out()).as("score").contains("Mutation score: " + catches + " of " + catches
        + " bug catches (100 %), 0 false alarm(s) in ");
    for (Bug bug : BugZoo.all()) {
      for (Bug.Catch expected : bug.catches()) {
        assertThat(run.out()).as("table row of %s × %s", bug.name(), expected.scenario())
            .containsPattern(String.format("%-22s %-22s %-28s caught", bug.name(), expected.caughtBy(),
                expected.scenario()).replace("(", "\\(").replace(")", "\\)"));
      }
    }
    assertThat(run.out()).as("no miss, no false alarm").doesNotContain("MISSED", "FALSE ALARM");
    assertThat(run.out()).as("the new checkers' bugs are caught by them alone")
        .containsPattern("approval-skipper +approval-gate +happy-path +caught\\R")
        .containsPattern("fabricated-note +requested-writes +happy-path +caught\\R")
        .containsPattern("stale-tool-list +mcp-tools-current +mcp-tools-changed +caught\\R");
  }

  @Test
  void a_bug_the_zoo_does_not_have_is_a_usage_error_naming_the_known_ones() {
    Console run = Console.capture(() -> CrashtestCli.execute("self-test", "--bug", "sloppy", "--out", out.toString()));

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("crashtest self-test: --bug [sloppy] is not in the zoo; known: "
        + String.join(", ", BugZoo.names()));
  }
}
