package dev.crashtest.agents.dbos.internal;

import dev.crashtest.agents.TaskStatus;

/**
 * Where a pending workflow is, as the DBOS event {@value #EVENT} holds it: {@code AWAITING_APPROVAL/2} while it waits
 * at its second approval gate, {@code RUNNING/2} once that gate opened. The gate number makes each approval's
 * idempotency key unique ({@link #approvalKey}), so a repeated approve never opens a later gate.
 *
 * <pre>{@code
 * TaskProgress.decode("AWAITING_APPROVAL/1").status(); // AWAITING_APPROVAL
 * TaskProgress.decode(null).status();                  // RUNNING: no gate reached yet
 * }</pre>
 *
 * @param status {@link TaskStatus#RUNNING} or {@link TaskStatus#AWAITING_APPROVAL}
 * @param gate the number of approval gates reached so far, 0 before the first
 */
public record TaskProgress(TaskStatus status, int gate) {
  public static final String EVENT = "crashtest.progress";

  public static TaskProgress awaitingApproval(int gate) {
    return new TaskProgress(TaskStatus.AWAITING_APPROVAL, gate);
  }

  public static TaskProgress running(int gate) {
    return new TaskProgress(TaskStatus.RUNNING, gate);
  }

  /** Reads an event value; {@code null} (no event yet) is {@code RUNNING/0}. */
  public static TaskProgress decode(String value) {
    if (value == null) {
      return running(0);
    }
    int slash = value.lastIndexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a task progress event [" + value + "]; expected e.g. RUNNING/1");
    }
    return new TaskProgress(TaskStatus.valueOf(value.substring(0, slash)),
        Integer.parseInt(value.substring(slash + 1)));
  }

  public String encode() {
    return status.name() + "/" + gate;
  }

  /** The idempotency key of the approval message that opens this gate. */
  public String approvalKey(String taskId) {
    return taskId + "/approval/" + gate;
  }
}
