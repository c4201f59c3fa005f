package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.check.Checks;
import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditConsoleTest {

  @Test
  void failed_attribution_run_prints_its_flagged_writes() {
    History history = History.of(List.of(
        new Op(0, 120, "crm", "ghost-agent", "create_quote", OpType.OK, Map.of("method", "POST", "delegated", false,
            "actorSource", "client", "user", "ghost-agent", "scope", "crm.read crm.write", "tokenId", "jti-9"))));
    RunResult run = new RunResult("happy-path", "ghost", 42L, RunVerdict.FAIL,
        Checks.runAll(List.of(Checks.attribution()), history), null, Map.of("wallTimeMillis", 1L), history,
        Path.of("out"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    VerdictTable.printAudit(run, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(String.format(
        "  audit (1 flagged CRM write; all rows in report.json):%n"
            + "    op #0 +120 ms create_quote agent=ghost-agent user=ghost-agent scope=[crm.read crm.write]"
            + " token=jti-9: ghost service account%n"));
  }
}
