package dev.crashtest.agent;

/** An agent could not be started, did not become healthy, or could not be signalled. */
public final class AgentException extends RuntimeException {
  public AgentException(String message) {
    super(message);
  }

  public AgentException(String message, Throwable cause) {
    super(message, cause);
  }
}
