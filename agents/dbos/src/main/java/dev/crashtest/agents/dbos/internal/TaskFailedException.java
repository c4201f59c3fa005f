package dev.crashtest.agents.dbos.internal;

/**
 * Why a task failed, as DBOS stores it: only the message, no cause. DBOS records a step's or a workflow's exception
 * with Java serialization; the agent's own exceptions (LangChain4j's, the HTTP client's) may carry causes that do
 * not serialize, so every failure crosses into DBOS as this plain exception with the original message.
 *
 * <pre>{@code
 * throw TaskFailedException.of(e); // message: e.getMessage(), or its class name when it has none
 * }</pre>
 */
public final class TaskFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  public TaskFailedException(String message) {
    super(message);
  }

  /** The failure {@code e} stands for: {@code e} itself when it already is one. */
  public static TaskFailedException of(Exception e) {
    if (e instanceof TaskFailedException failure) {
      return failure;
    }
    return new TaskFailedException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
  }

  /** Whether {@code e} is DBOS's own (cancellation, shutdown, conflicts): those pass through untouched. */
  static boolean isDbosOwn(Throwable e) {
    return e.getClass().getName().startsWith("dev.dbos.")
        || (e instanceof IllegalStateException && String.valueOf(e.getMessage()).contains("is closed"));
  }
}
