package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

  @Test
  void the_approval_is_printed_when_it_was_sent_before_the_order_it_allowed() {
    List<Op> ops = List.of(
        op(0, 1_000, "harness", "approve", OpType.INVOKE, Map.of("taskId", "t-1", "approver", "approver@crashtest")),
        op(1, 1_010, "crm", "place_order", OpType.OK, Map.of("effectId", "O-0001")),
        op(2, 1_020, "harness", "approve", OpType.OK,
            Map.of("taskId", "t-1", "approver", "approver@crashtest", "status", 202)));

    assertThat(printed(ops)).as("console timeline").isEqualTo(
        "        1.00s  approved by approver@crashtest\n"
            + "        1.01s  crm place_order → O-0001\n");
  }

  @Test
  void a_refused_approval_is_printed_with_the_agents_status() {
    assertThat(printed(List.of(op(0, 2_000, "harness", "approve", OpType.FAIL,
        Map.of("taskId", "t-1", "approver", "approver@crashtest", "status", 409)))))
        .as("refused approval").isEqualTo("        2.00s  approval by approver@crashtest refused: 409\n");
  }

  @Test
  void a_restart_and_the_agents_readiness_are_two_lines() {
    assertThat(printed(List.of(op(0, 500, "harness", "agent_restarted", OpType.INFO, Map.of("pid", 41)),
        op(1, 900, "harness", "agent_ready", OpType.INFO, Map.of("pid", 41)))))
        .as("restart").isEqualTo("        0.50s  agent restarted (pid 41)\n"
            + "        0.90s  agent ready (pid 41 answers /health)\n");
  }

  @Test
  void a_crash_from_a_trace_names_its_span_before_the_kill() {
    String kill = "kill -9 the agent right after the CRM committed [place_order], restart it after 200 ms";
    String traced = kill + " (from span 00f067aa0ba902b7 of trace 4bf92f3577b34da6a3ce929d0e0e4736)";
    assertThat(printed(List.of(
        op(0, 1_000, "harness", "fault_injected", OpType.INFO, Map.of("fault", kill, "kind", "ProcessCrash")),
        op(1, 2_000, "harness", "fault_injected", OpType.INFO, Map.of("fault", traced, "kind", "ProcessCrash",
            "traceId", "4bf92f3577b34da6a3ce929d0e0e4736", "spanId", "00f067aa0ba902b7")),
        op(2, 2_010, "harness", "agent_killed", OpType.INFO, Map.of("signal", "KILL")))))
        .as("a crash is its kill line; a traced one names its span first").isEqualTo(
            "        2.00s  fault: " + traced + "\n"
                + "        2.01s  agent killed (SIGKILL)\n");
  }

  private static String printed(List<Op> ops) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ops.forEach(new ProgressPrinter(out));
    return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }

  private static Op op(long index, long millis, String service, String operation, OpType type,
      Map<String, Object> details) {
    String actor = service.equals("harness") ? "runner" : "naive-agent";
    return new Op(index, millis, service, actor, operation, type, details);
  }
}
