package dev.crashtest.fakes.proxy.internal;

/**
 * An API failure answered as Toxiproxy does: {@code {"error":"proxy not found","status":404}}.
 *
 * <pre>{@code
 * throw ApiError.proxyNotFound();
 * }</pre>
 */
public final class ApiError extends RuntimeException {
  private final int status;

  public ApiError(String message, int status) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  static ApiError badRequestBody(String detail) {
    return new ApiError("bad request body: " + detail, 400);
  }

  static ApiError missingField(String field) {
    return new ApiError("missing required field: " + field, 400);
  }

  static ApiError proxyNotFound() {
    return new ApiError("proxy not found", 404);
  }

  static ApiError proxyAlreadyExists() {
    return new ApiError("proxy already exists", 409);
  }

  static ApiError invalidStream() {
    return new ApiError("stream was invalid, can be either upstream or downstream", 400);
  }

  static ApiError invalidToxicType() {
    return new ApiError("invalid toxic type", 400);
  }

  static ApiError toxicAlreadyExists() {
    return new ApiError("toxic already exists", 409);
  }

  static ApiError toxicNotFound() {
    return new ApiError("toxic not found", 404);
  }
}
