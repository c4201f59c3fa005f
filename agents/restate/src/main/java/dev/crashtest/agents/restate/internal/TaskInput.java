package dev.crashtest.agents.restate.internal;

/**
 * The input of the procurement workflow's {@code run} handler; the task id is the workflow's key.
 * {@link #toString()} never shows the user's token.
 *
 * <pre>{@code
 * new TaskInput("Buy 5 units of LAPTOP-14 for account ACME-001.", userJwt);
 * }</pre>
 *
 * @param goal the sentence the model works on
 * @param userToken the user's access token, the subject of the token exchange
 */
public record TaskInput(String goal, String userToken) {

  @Override
  public String toString() {
    return "TaskInput[goal=" + goal + ", userToken=<redacted>]";
  }
}
