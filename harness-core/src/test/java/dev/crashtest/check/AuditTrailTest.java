package dev.crashtest.check;

import static dev.crashtest.check.HistoryBuilder.aHistory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.history.History;
import dev.crashtest.history.OpType;
import org.junit.jupiter.api.Test;

class AuditTrailTest {

  @Test
  void every_write_attempt_is_a_row_with_its_verdict() {
    History history = aHistory().read("get_account", "/accounts/ACME-001")
        .write("create_quote", "k1", "quote", "Q-0001")
        .op("crm", "anonymous", "place_order", OpType.OK, "method", "POST", "delegated", false,
            "actorSource", "none", "user", "alice", "scope", "crm.read crm.write", "tokenId", "jti-user")
        .op("crm", "procurement-agent", "add_note", OpType.OK, "method", "POST", "delegated", false,
            "actorSource", "client", "user", "procurement-agent", "scope", "crm.write", "tokenId", "jti-client")
        .op("identity", "harness", "revoke_delegation", OpType.INFO)
        .op("crm", "procurement-agent", "add_note", OpType.FAIL, "method", "POST", "status", 401)
        .build();

    assertThat(AuditTrail.of(history)).extracting(AuditTrail.Entry::index, AuditTrail.Entry::agent,
            AuditTrail.Entry::user, AuditTrail.Entry::tokenId, AuditTrail.Entry::verdict)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, "procurement-agent", "alice", null, "ok"),
            org.assertj.core.groups.Tuple.tuple(2L, "anonymous", "alice", "jti-user", "borrowed credentials"),
            org.assertj.core.groups.Tuple.tuple(3L, "procurement-agent", "procurement-agent", "jti-client",
                "ghost service account"),
            org.assertj.core.groups.Tuple.tuple(5L, "procurement-agent", null, null, "refused (HTTP 401)"));
  }

  @Test
  void write_after_revocation_is_marked() {
    History history = aHistory().op("identity", "harness", "revoke_delegation", OpType.INFO)
        .write("place_order", "k1", "order", "O-0001").build();

    assertThat(AuditTrail.of(history)).extracting(AuditTrail.Entry::verdict).containsExactly("after revocation");
  }
}
