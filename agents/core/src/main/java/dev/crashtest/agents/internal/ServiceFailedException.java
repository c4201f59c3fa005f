package dev.crashtest.agents.internal;

/**
 * A workload service cannot do what the task needs: it kept answering 5xx, or the connection kept breaking, through
 * every retry; or it refused the agent's authority (401 with a fresh token, or 403), which no model can give back.
 * Either way the task fails with this message. The CRM's is the {@link CrmFailedException}.
 *
 * <pre>{@code
 * throw new ServiceFailedException("service [refunds] [POST /refunds] failed 6 times; last: HTTP 503", null);
 * }</pre>
 */
public class ServiceFailedException extends Exception {

  public ServiceFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
