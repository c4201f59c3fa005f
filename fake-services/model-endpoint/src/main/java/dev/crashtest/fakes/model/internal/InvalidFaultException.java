package dev.crashtest.fakes.model.internal;

/**
 * A fault that cannot be made: a bad parameter of a {@code ModelFault} factory or a bad field of an admin API
 * request. The message is one line naming the fault type and the field in brackets, e.g.
 * {@code model fault [server_error]: [status] 418 is not a server error OpenAI answers with; use 500, 502 or 503}.
 */
public final class InvalidFaultException extends IllegalArgumentException {
  private final String field;

  InvalidFaultException(String type, String field, String problem) {
    super("model fault [" + type + "]: [" + field + "] " + problem);
    this.field = field;
  }

  /** The admin API field at fault, e.g. {@code status}; {@code type} for an unknown type. */
  public String field() {
    return field;
  }
}
