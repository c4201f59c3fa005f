package dev.crashtest.agents.internal;

/**
 * A CRM answer: status and raw body.
 *
 * <pre>{@code
 * CrmResponse response = new CrmResponse(201, "{\"quoteId\":\"Q-1\"}");
 * }</pre>
 */
public record CrmResponse(int status, String body) {

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }
}
