package dev.crashtest.agents.internal;

/**
 * The CRM cannot do what the task needs: it kept answering 5xx, or the connection kept breaking, through every
 * retry; or it refused the agent's authority (401 with a fresh token, or 403), which no model can give back.
 * Either way the task fails with this message.
 *
 * <pre>{@code
 * throw new CrmFailedException("CRM [POST /orders] failed 6 times; last: HTTP 503", null);
 * }</pre>
 */
public final class CrmFailedException extends ServiceFailedException {

  public CrmFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
