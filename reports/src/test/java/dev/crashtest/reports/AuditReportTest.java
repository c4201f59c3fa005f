package dev.crashtest.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.check.CheckResult;
import dev.crashtest.check.Checks;
import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditReportTest {
  @TempDir Path out;

  @Test
  void each_crm_write_is_an_audit_row_and_the_attribution_finding_explains_it() throws IOException {
    History history = History.of(List.of(
        new Op(0, 120, "crm", "anonymous", "create_quote", OpType.OK, Map.of("method", "POST", "delegated", false,
            "actorSource", "none", "user", "alice", "scope", "crm.read crm.write", "tokenId", "jti-1"))));
    List<CheckResult> checks = Checks.runAll(List.of(Checks.attribution()), history);
    RunResult run = new RunResult("happy-path", "borrowing", 42L, RunVerdict.FAIL, checks, null,
        Map.of("wallTimeMillis", 1L), history, Path.of("out", "happy-path--borrowing"));

    JsonReport.write(42L, List.of(run), out);

    JsonNode audit = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("runs").get(0).get("audit");
    assertThat(audit.get("sideEffects").toString()).as("rows").isEqualTo("[{\"op\":0,\"timeMillis\":120,"
        + "\"operation\":\"create_quote\",\"agent\":\"anonymous\",\"user\":\"alice\",\"scope\":\"crm.read crm.write\","
        + "\"tokenId\":\"jti-1\",\"verdict\":\"borrowed credentials\"}]");
    assertThat(audit.get("explanations").get(0).get("message").asText()).as("explanation")
        .isEqualTo("write [create_quote] at op #0 used a token that names no agent (the user's own token: borrowed"
            + " credentials): exchange it (RFC 8693) first");
  }
}
