package dev.crashtest.env;

/** The environment could not start or serve: infrastructure, not the agent's fault. */
public final class EnvironmentException extends RuntimeException {
  public EnvironmentException(String message, Throwable cause) {
    super(message, cause);
  }
}
