package dev.crashtest.agents;

import java.util.Objects;

/**
 * What {@code POST /tasks} asks for. {@link #toString()} never shows the user's token.
 *
 * <pre>{@code
 * TaskRequest request = new TaskRequest("T-1", "Buy 5 units of LAPTOP-14 for account ACME-001.", userJwt);
 * }</pre>
 *
 * @param taskId the caller's id for the task; the same id never starts a second task
 * @param goal the sentence the model works on
 * @param userToken the user's own access token, used only as the subject of a token exchange
 */
public record TaskRequest(String taskId, String goal, String userToken) {

  public TaskRequest {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(goal, "goal");
    Objects.requireNonNull(userToken, "userToken");
  }

  @Override
  public String toString() {
    return "TaskRequest[taskId=" + taskId + ", goal=" + goal + ", userToken=<redacted>]";
  }
}
