package dev.crashtest.fakes.auth;

import java.util.Map;
import java.util.Objects;

/**
 * A request refused for who sent it: a missing, bad or foreign token, a revoked delegation, a missing scope. Each
 * fake turns it into its own error answer {@code {"error": code, "message": message}} with {@link #status()} and
 * {@link #headers()}.
 *
 * <pre>{@code
 * try {
 *   Caller caller = verifier.verify(authorization);
 * } catch (AccessRefusal refused) {
 *   answer(refused.status(), refused.code(), refused.getMessage(), refused.headers());
 * }
 * }</pre>
 */
public final class AccessRefusal extends RuntimeException {
  private final int status;
  private final String code;
  private final Map<String, String> headers;
  private final String refusal;

  /**
   * @param refusal what a fake's event and audit record say as {@code error}, when it must say more than {@code code}
   *     (e.g. {@code delegation_revoked} for a 401 {@code invalid_token}); {@code code} otherwise
   */
  public AccessRefusal(int status, String code, String message, Map<String, String> headers, String refusal) {
    super(message);
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.headers = Map.copyOf(headers);
    this.refusal = Objects.requireNonNull(refusal, "refusal");
  }

  public AccessRefusal(int status, String code, String message, Map<String, String> headers) {
    this(status, code, message, headers, code);
  }

  /** A 401 {@code invalid_token} with its bearer challenge. */
  public static AccessRefusal invalidToken(String message) {
    return new AccessRefusal(401, "invalid_token", message, bearerChallenge());
  }

  /** {@code WWW-Authenticate: Bearer error="invalid_token"}. */
  static Map<String, String> bearerChallenge() {
    return Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\"");
  }

  public int status() {
    return status;
  }

  /** The error code sent, e.g. {@code invalid_token}. */
  public String code() {
    return code;
  }

  /** Headers to send with the refusal, e.g. the {@code WWW-Authenticate} challenge. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The event's {@code error}: {@link #code()}, or a more precise one such as {@code delegation_revoked}. */
  public String refusal() {
    return refusal;
  }
}
