package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.history.History;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenarios.zoo.SelfTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The self-test table: a miss and a false alarm are scored, and each says where to look and how to rerun it. */
class SelfTestTableTest {

  @Test
  void a_missed_bug_and_a_false_alarm_lower_the_score_and_say_where_to_look() {
    RunResult missed = run("happy-path", "fabricated-note", RunVerdict.PASS, Path.of("out/fabricated-note/run"));
    RunResult alarm = run("happy-path", "reference", RunVerdict.FAIL, Path.of("out/reference/run"));
    SelfTest.Result result = new SelfTest.Result(42L,
        List.of(new SelfTest.Row("fabricated-note", "requested-writes", "happy-path", false, "MISSED: PASS", missed)),
        List.of(new SelfTest.Row("reference", "-", "happy-path", false, "FAIL (task-completed)", alarm)));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SelfTestTable.print(result, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String table = bytes.toString(StandardCharsets.UTF_8);

    assertThat(result.perfect()).as("perfect").isFalse();
    assertThat(table).as("table").contains(
        "fabricated-note        requested-writes       happy-path                   MISSED: PASS",
        "(none: reference)      -                      happy-path                   FALSE ALARM: FAIL (task-completed)",
        "Mutation score: 0 of 1 bug catches (0 %), 1 false alarm(s) in 1 reference run(s); seed 42",
        "  missed: fabricated-note × happy-path; history: " + Path.of("out/fabricated-note/run/history.jsonl")
            + "; rerun: ./crashtest self-test --bug fabricated-note --seed 42",
        "  false alarm: happy-path; history: " + Path.of("out/reference/run/history.jsonl"));
  }

  private static RunResult run(String scenario, String agent, RunVerdict verdict, Path directory) {
    return new RunResult(scenario, agent, 42L, verdict, List.of(), null, Map.of(), History.of(List.of()), directory);
  }
}
