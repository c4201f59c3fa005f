package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --jobs 3}: runs side by side, each on its own environment, give the verdicts, the order and the sweep of
 * {@code --jobs 1}; each run's lines print as one block.
 */
class JobsIT {
  @TempDir Path one;
  @TempDir Path three;

  @Test
  void three_at_a_time_reports_what_one_at_a_time_reports_and_prints_each_run_as_one_block() throws Exception {
    String[] campaign = {"run", "--scenario", "happy-path,crash-after-place-order-redelivered,crash-point-sweep",
        "--agent", "naive", "--seed", "7"};
    Console sequential = Console.capture(() -> CrashtestCli.execute(with(campaign, "--out", one.toString())));
    Console sideBySide = Console.capture(() -> CrashtestCli.execute(with(campaign, "--out", three.toString(),
        "--jobs", "3")));

    assertThat(sideBySide.code()).as("exit code; output:%n%s", sideBySide.out()).isEqualTo(sequential.code())
        .isEqualTo(1);
    assertThat(outcomes(three)).as("runs of --jobs 3, in report order").isEqualTo(outcomes(one))
        .hasSizeGreaterThan(5);
    assertThat(sweeps(three)).as("the sweeps' points").isEqualTo(sweeps(one)).isNotEmpty();
    assertThat(sideBySide.out()).as("console").contains("3 at a time");
    assertBlocks(sideBySide.out());
  }

  /** Every run's header is followed by its own verdict line before the next run's header. */
  private static void assertBlocks(String console) {
    boolean open = false;
    int blocks = 0;
    for (String line : console.split("\\R")) {
      if (line.matches("\\[\\d+/\\d+] .*")) {
        assertThat(open).as("a run's header inside another run's block: " + line).isFalse();
        open = true;
        blocks++;
      } else if (line.matches("\\s+→ (PASS|FAIL|ERROR|SKIPPED) in .*")) {
        assertThat(open).as("a verdict outside a run's block: " + line).isTrue();
        open = false;
      }
    }
    assertThat(blocks).as("run blocks").isGreaterThan(5);
  }

  private static List<String> outcomes(Path out) throws Exception {
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    List<String> runs = new ArrayList<>();
    report.get("runs").forEach(run -> {
      List<String> failed = new ArrayList<>();
      run.get("checks").forEach(check -> {
        if (!check.get("verdict").asText().equals("PASS")) {
          failed.add(check.get("checker").asText() + "=" + check.get("verdict").asText());
        }
      });
      runs.add(run.get("scenario").asText() + " × " + run.get("agent").asText() + " try " + run.get("try").asInt()
          + " seed " + run.get("seed").asLong() + ": " + run.get("verdict").asText() + " " + failed);
    });
    return runs;
  }

  private static String sweeps(Path out) throws Exception {
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    return String.valueOf(report.get("crashPointSweeps"));
  }

  private static String[] with(String[] base, String... more) {
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }
}
