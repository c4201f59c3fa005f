package dev.crashtest.agents.internal;

/**
 * A service's answer: status and raw body.
 *
 * <pre>{@code
 * ServiceResponse response = new ServiceResponse(201, "{\"quoteId\":\"Q-1\"}");
 * }</pre>
 */
public record ServiceResponse(int status, String body) {

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }
}
