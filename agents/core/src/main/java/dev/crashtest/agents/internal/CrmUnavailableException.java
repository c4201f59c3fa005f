package dev.crashtest.agents.internal;

/**
 * The CRM kept answering 5xx, or the connection kept breaking, through every retry.
 *
 * <pre>{@code
 * throw new CrmUnavailableException("CRM [POST /orders] failed 6 times; last: HTTP 503");
 * }</pre>
 */
public final class CrmUnavailableException extends Exception {

  public CrmUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
