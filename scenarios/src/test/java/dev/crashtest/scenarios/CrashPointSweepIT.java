package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep through the command line against the naive agent: ten boundaries, and it loses the task at each. */
class CrashPointSweepIT {
  static final List<String> NAIVE_POINTS = List.of("model:chat_completion#1", "crm:get_account#1",
      "model:chat_completion#2", "crm:create_quote#1", "model:chat_completion#3", "model:chat_completion#4",
      "crm:place_order#1", "model:chat_completion#5", "crm:add_note#1", "model:chat_completion#6");

  @TempDir Path out;

  @Test
  void sweep_finds_every_call_of_the_clean_run_and_catches_the_naive_agent_losing_the_task_at_each() throws Exception {
    Console run = Console.capture(() -> CrashtestCli.execute("run", "--scenario", "crash-point-sweep",
        "--agent", "naive", "--seed", "42", "--out", out.toString()));

    assertThat(run.code()).as("exit code; output:%n%s", run.out()).isEqualTo(1);
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    JsonNode sweep = report.get("crashPointSweeps").get(0);
    assertThat(sweep.get("cleanVerdict").asText()).as("clean run").isEqualTo("PASS");
    assertThat(texts(sweep.get("discovered"))).as("discovered points").containsExactlyElementsOf(NAIVE_POINTS);
    JsonNode runs = report.get("runs");
    assertThat(runs).as("clean run and one run per point").hasSize(1 + NAIVE_POINTS.size());
    for (int i = 1; i < runs.size(); i++) {
      JsonNode crashed = runs.get(i);
      assertThat(crashed.get("scenario").asText()).as("run %d", i)
          .isEqualTo("crash-point-sweep[" + NAIVE_POINTS.get(i - 1) + "]");
      assertThat(crashed.get("crashPoint").asText()).as("run %d point", i).isEqualTo(NAIVE_POINTS.get(i - 1));
      assertThat(crashed.get("metrics").get("kills").asInt()).as("%s kills", crashed.get("scenario")).isEqualTo(1);
      assertThat(texts(crashed.get("violations"), "checker")).as("%s violations", crashed.get("scenario"))
          .containsExactly("task-completed");
      assertThat(crashed.get("metrics").get("unrecoveredRestarts").asInt()).as("%s", crashed.get("scenario"))
          .isEqualTo(1);
    }
    assertThat(run.out()).as("console").contains(
        "crm:place_order#1          -                            naive            FAIL     lost      -           -"
            + "           never",
        "naive: caught at 10 of 10 crash points (10 found in the clean run): task lost at 10, effect duplicated at 0,"
            + " work redone at 0",
        "reproduce: ./crashtest run --scenario 'crash-point-sweep[crm:place_order#1]' --agent naive --seed 42");
  }

  @Test
  void one_point_runs_alone_from_its_reproduce_command_and_kills_the_agent_at_that_call() throws Exception {
    Console run = Console.capture(() -> CrashtestCli.execute("run", "--scenario", "crash-point-sweep[crm:place_order#1]",
        "--agent", "naive", "--seed", "42", "--out", out.toString()));

    assertThat(run.code()).as("exit code; output:%n%s", run.out()).isEqualTo(1);
    JsonNode crashed = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("runs").get(0);
    assertThat(crashed.get("scenario").asText()).as("name").isEqualTo("crash-point-sweep[crm:place_order#1]");
    assertThat(crashed.get("history").asText()).as("history file")
        .isEqualTo("crash-point-sweep/crm-place_order-1/crash-point-sweep--naive/history.jsonl");
    List<String> lines = java.nio.file.Files.readAllLines(out.resolve(crashed.get("history").asText()));
    int order = indexOf(lines, "\"operation\":\"place_order\"");
    int killed = indexOf(lines, "\"operation\":\"agent_killed\"");
    assertThat(lines.get(order + 1)).as("the op right after the order")
        .contains("\"operation\":\"fault_injected\"", "right after the crm answered [place_order] #1");
    assertThat(lines.subList(order + 1, killed)).as("ops between the order and the kill")
        .noneMatch(line -> line.contains("\"service\":\"model\"") || line.contains("\"service\":\"crm\""));
  }

  private static int indexOf(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i;
      }
    }
    throw new AssertionError("no line contains [" + text + "] in " + lines);
  }

  static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  static List<String> texts(JsonNode array, String field) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.get(field).asText()));
    return texts;
  }
}
