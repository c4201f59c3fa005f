package dev.crashtest.agents.internal;

/**
 * The identity provider refused a token exchange or could not be reached. The message names the status and
 * the OAuth error code, never a token or secret.
 *
 * <pre>{@code
 * throw new TokenExchangeException("token exchange refused: HTTP 401 [invalid_client] ...");
 * }</pre>
 */
public final class TokenExchangeException extends Exception {

  public TokenExchangeException(String message) {
    super(message);
  }

  public TokenExchangeException(String message, Throwable cause) {
    super(message, cause);
  }
}
