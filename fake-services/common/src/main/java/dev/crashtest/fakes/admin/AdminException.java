package dev.crashtest.fakes.admin;

/**
 * A fake's operator API refused a call or could not be reached: the fake is broken or gone, not its client's
 * caller. The message names the service, the call and the answer, e.g. {@code the CRM refused [POST
 * /__crashtest/faults]: HTTP 400 {...}}.
 */
public final class AdminException extends RuntimeException {
  /** {@code cause} may be null for a refusal. */
  public AdminException(String message, Throwable cause) {
    super(message, cause);
  }
}
