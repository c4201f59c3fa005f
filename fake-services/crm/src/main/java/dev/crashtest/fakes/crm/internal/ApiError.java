package dev.crashtest.fakes.crm.internal;

import java.util.Map;

/** An error answer of the CRM: {@code {"error": code, "message": message}} with an HTTP status. */
final class ApiError extends RuntimeException {
  private final int status;
  private final String code;
  private final Map<String, String> headers;
  private final String auditError;

  ApiError(int status, String code, String message, Map<String, String> headers) {
    this(status, code, message, headers, code);
  }

  /** {@code auditError} is what the audit record's {@code error} says, when it must say more than the code. */
  ApiError(int status, String code, String message, Map<String, String> headers, String auditError) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = Map.copyOf(headers);
    this.auditError = auditError;
  }

  static ApiError invalidRequest(String message) {
    return new ApiError(400, "invalid_request", message, Map.of());
  }

  /** The CRM's answer to a refusal of the shared token checks ({@code dev.crashtest.fakes.auth}). */
  static ApiError of(dev.crashtest.fakes.auth.AccessRefusal refusal) {
    return new ApiError(refusal.status(), refusal.code(), refusal.getMessage(), refusal.headers(), refusal.refusal());
  }

  static ApiError notFound(String message) {
    return new ApiError(404, "not_found", message, Map.of());
  }

  static ApiError keyReused(String key) {
    return new ApiError(422, "idempotency_key_reused",
        "Idempotency-Key [" + key + "] was already used for a different request (method, path or body); "
            + "use a new key for a new request",
        Map.of());
  }

  Response toResponse() {
    Response response = Response.error(status, code, getMessage(), headers);
    return auditError.equals(code) ? response : response.withAuditError(auditError);
  }
}
