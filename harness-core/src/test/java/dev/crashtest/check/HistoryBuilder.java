package dev.crashtest.check;

import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes histories by hand for checker tests: each call appends one op, in order. */
final class HistoryBuilder {
  private final List<Op> ops = new ArrayList<>();

  static HistoryBuilder aHistory() {
    return new HistoryBuilder();
  }

  /** The runner submits procurement's task, declaring its write tools as it does for every workload. */
  HistoryBuilder submit(String taskId) {
    return op("harness", "runner", "submit_task", OpType.OK, "taskId", taskId, "writeTools",
        List.of("create_quote", "place_order", "add_note"));
  }

  HistoryBuilder status(String taskId, String state) {
    return op("harness", "runner", "task_status", OpType.INFO, "taskId", taskId, "state", state);
  }

  HistoryBuilder model(int turn, String... toolCalls) {
    return op("model", "agent", "chat_completion", OpType.OK, "turn", turn, "toolCalls", List.of(toolCalls));
  }

  /** A model call that carries the result of {@code lastToolResult} and asks for {@code toolCalls}. */
  HistoryBuilder answer(int turn, String lastToolResult, String... toolCalls) {
    return op("model", "agent", "chat_completion", OpType.OK, "turn", turn, "lastToolResult", lastToolResult,
        "toolCalls", List.of(toolCalls));
  }

  HistoryBuilder read(String operation, String path) {
    return op("crm", "procurement-agent", operation, OpType.OK, "method", "GET", "path", path,
        "delegated", true, "user", "alice", "scope", "crm.read crm.write");
  }

  /** A CRM write that committed an effect for account ACME-001; an order needs approval, as the CRM flags it. */
  HistoryBuilder write(String operation, String key, String effectType, String effectId) {
    return op("crm", "procurement-agent", operation, OpType.OK, "method", "POST", "path", "/" + effectType + "s",
        "idempotencyKey", key, "effectType", effectType, "effectId", effectId, "accountId", "ACME-001",
        "effectKey", "ACME-001", "needsApproval", effectType.equals("order") ? true : null,
        "delegated", true, "actorSource", "act", "user", "alice", "scope", "crm.read crm.write");
  }

  HistoryBuilder replay(String operation, String key) {
    return op("crm", "procurement-agent", operation, OpType.OK, "method", "POST", "path", "/x",
        "idempotencyKey", key, "replayed", true, "delegated", true, "actorSource", "act", "user", "alice",
        "scope", "crm.read crm.write");
  }

  /** The harness sends the approval of {@code taskId} (the INVOKE: the moment the human answered). */
  HistoryBuilder approve(String taskId) {
    return op("harness", "runner", "approve", OpType.INVOKE, "taskId", taskId, "approver", "approver@crashtest");
  }

  /** The runner scanned the run's files and found no credential. */
  HistoryBuilder secretScan() {
    return op("harness", "runner", "secret_scan", OpType.INFO, "credentials", 2, "files", List.of("agent.log"));
  }

  HistoryBuilder kill() {
    return op("harness", "nemesis", "agent_killed", OpType.INFO, "signal", "KILL");
  }

  HistoryBuilder restart() {
    return op("harness", "nemesis", "agent_restarted", OpType.INFO);
  }

  /** The restarted agent answered /health. */
  HistoryBuilder ready() {
    return op("harness", "nemesis", "agent_ready", OpType.INFO);
  }

  /** The agent lists the MCP server's tools on {@code session}. */
  HistoryBuilder mcpList(String session, String... tools) {
    return op("mcp", "procurement-agent", "tools_list", OpType.OK, "sessionId", session, "tools", List.of(tools));
  }

  /** The MCP server tells {@code session} that its tool list changed. */
  HistoryBuilder mcpListChanged(String session) {
    return op("mcp", "anonymous", "notification", OpType.OK, "sessionId", session, "method",
        "notifications/tools/list_changed");
  }

  /** A tools/call on {@code session} that the service answered. */
  HistoryBuilder mcpCall(String session, String tool) {
    return op("mcp", "procurement-agent", "tools_call", OpType.OK, "sessionId", session, "tool", tool,
        "isError", false, "status", 200);
  }

  /** A tools/call of a tool the MCP server does not list (any more): refused, never forwarded. */
  HistoryBuilder mcpUnknownCall(String session, String tool) {
    return op("mcp", "procurement-agent", "tools_call", OpType.FAIL, "sessionId", session, "tool", tool,
        "isError", true, "unknownTool", true);
  }

  HistoryBuilder op(String service, String actor, String operation, OpType type, Object... keyValues) {
    Map<String, Object> details = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      details.put((String) keyValues[i], keyValues[i + 1]);
    }
    ops.add(new Op(ops.size(), ops.size() * 10L, service, actor, operation, type, details));
    return this;
  }

  /** The happy path of the procurement task, ops 0 to 15, then the secret scan (op 16). */
  HistoryBuilder happyPath(String taskId) {
    return submit(taskId)
        .status(taskId, "RUNNING")
        .model(1, "get_account")
        .read("get_account", "/accounts/ACME-001")
        .model(2, "create_quote")
        .write("create_quote", taskId + "/2/create_quote", "quote", "Q-0001")
        .model(3, "request_approval")
        .status(taskId, "AWAITING_APPROVAL")
        .approve(taskId)
        .model(4, "place_order")
        .write("place_order", taskId + "/4/place_order", "order", "O-0001")
        .model(5, "add_note")
        .write("add_note", taskId + "/5/add_note", "note", "N-0001")
        .model(6)
        .status(taskId, "COMPLETED")
        .secretScan();
  }

  History build() {
    return History.of(ops);
  }
}
