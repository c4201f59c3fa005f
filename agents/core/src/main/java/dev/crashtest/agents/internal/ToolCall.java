package dev.crashtest.agents.internal;

/**
 * One tool call the model asked for, numbered within its task.
 *
 * <pre>{@code
 * ToolCall call = new ToolCall("T-1", 2, "create_quote", "{\"account_id\":\"ACME-001\",\"sku\":\"LAPTOP-14\",\"quantity\":5}");
 * call.idempotencyKey(); // "T-1/2/create_quote"
 * }</pre>
 *
 * @param taskId the task
 * @param step the 1-based number of the call within the task
 * @param tool the tool's name
 * @param arguments the model's arguments, a JSON object as a string
 */
public record ToolCall(String taskId, int step, String tool, String arguments) {

  public String idempotencyKey() {
    return IdempotencyKey.of(taskId, step, tool);
  }
}
