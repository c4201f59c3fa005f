package dev.crashtest.fakes.identity.internal;

/**
 * An OAuth 2.0 error answer ({@code {"error", "error_description"}}) with its HTTP status. Thrown inside the token
 * endpoint and turned into the response; its description never contains a token or a secret.
 */
public final class OAuthError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;

  private OAuthError(int status, String error, String description) {
    super(description, null, false, false);
    this.status = status;
    this.error = error;
  }

  public static OAuthError invalidRequest(String description) {
    return new OAuthError(400, "invalid_request", description);
  }

  public static OAuthError invalidClient(String description) {
    return new OAuthError(401, "invalid_client", description);
  }

  public static OAuthError invalidGrant(String description) {
    return new OAuthError(400, "invalid_grant", description);
  }

  public static OAuthError invalidScope(String description) {
    return new OAuthError(400, "invalid_scope", description);
  }

  public static OAuthError unsupportedGrantType(String description) {
    return new OAuthError(400, "unsupported_grant_type", description);
  }

  public static OAuthError notFound(String description) {
    return new OAuthError(404, "not_found", description);
  }

  public static OAuthError serverError(String description) {
    return new OAuthError(500, "server_error", description);
  }

  /** The answer of an injected fault: a 5xx with {@code server_error} or {@code temporarily_unavailable}. */
  public static OAuthError injected(int status, String error, String description) {
    return new OAuthError(status, error, description);
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public String description() {
    return getMessage();
  }
}
