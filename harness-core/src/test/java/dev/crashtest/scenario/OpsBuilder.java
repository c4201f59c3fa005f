package dev.crashtest.scenario;

import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes histories by hand for tests of this package: each call appends one op, {@code millis} after the last. */
final class OpsBuilder {
  private final List<Op> ops = new ArrayList<>();
  private long time;

  static OpsBuilder ops() {
    return new OpsBuilder();
  }

  OpsBuilder after(long millis) {
    time += millis;
    return this;
  }

  OpsBuilder submit(String taskId) {
    op("harness", "runner", "submit_task", OpType.INVOKE, "taskId", taskId);
    return op("harness", "runner", "submit_task", OpType.OK, "taskId", taskId);
  }

  OpsBuilder status(String taskId, String state) {
    return op("harness", "runner", "task_status", OpType.INFO, "taskId", taskId, "state", state);
  }

  OpsBuilder model(int turn, String... toolCalls) {
    return op("model", "agent", "chat_completion", OpType.OK, "turn", turn, "toolCalls", List.of(toolCalls),
        "promptTokens", 100 * turn, "completionTokens", 10);
  }

  OpsBuilder read(String operation) {
    return op("crm", "naive-agent", operation, OpType.OK, "method", "GET", "path", "/accounts/ACME-001");
  }

  OpsBuilder write(String operation, String key, String effectType, String effectId) {
    return op("crm", "naive-agent", operation, OpType.OK, "method", "POST", "idempotencyKey", key,
        "effectType", effectType, "effectId", effectId, "accountId", "ACME-001");
  }

  OpsBuilder replay(String operation, String key) {
    return op("crm", "naive-agent", operation, OpType.OK, "method", "POST", "idempotencyKey", key,
        "replayed", true);
  }

  OpsBuilder kill() {
    return op("harness", "nemesis", "agent_killed", OpType.INFO, "signal", "KILL");
  }

  OpsBuilder restart() {
    return op("harness", "nemesis", "agent_restarted", OpType.INFO);
  }

  /** The restarted agent answered /health. */
  OpsBuilder ready() {
    return op("harness", "nemesis", "agent_ready", OpType.INFO);
  }

  OpsBuilder op(String service, String actor, String operation, OpType type, Object... keyValues) {
    Map<String, Object> details = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      details.put((String) keyValues[i], keyValues[i + 1]);
    }
    ops.add(new Op(ops.size(), time, service, actor, operation, type, details));
    return this;
  }

  List<Op> list() {
    return List.copyOf(ops);
  }

  History build() {
    return History.of(ops);
  }
}
