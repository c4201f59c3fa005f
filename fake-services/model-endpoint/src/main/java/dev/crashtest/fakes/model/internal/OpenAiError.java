package dev.crashtest.fakes.model.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error answer in OpenAI's shape, {@code {"error": {"message", "type", "param", "code"}}}, thrown while a
 * request is read and turned into a response by the transformer.
 *
 * <pre>{@code
 * throw OpenAiError.invalidRequest("Missing required parameter: 'messages'.", "messages", "missing_required_parameter");
 * }</pre>
 */
final class OpenAiError extends RuntimeException {
  private final int status;
  private final String type;
  private final String param;
  private final String code;

  OpenAiError(int status, String message, String type, String param, String code) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.param = param;
    this.code = code;
  }

  static OpenAiError invalidRequest(String message, String param, String code) {
    return new OpenAiError(400, message, "invalid_request_error", param, code);
  }

  static OpenAiError invalidApiKey(String message) {
    return new OpenAiError(401, message, "invalid_request_error", null, "invalid_api_key");
  }

  static OpenAiError invalidUrl(String method, String path) {
    return new OpenAiError(404, "Invalid URL (" + method + " " + path + ")", "invalid_request_error", null, null);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  String toJson() {
    ObjectNode error = Json.object();
    error.put("message", getMessage());
    error.put("type", type);
    error.put("param", param);
    error.put("code", code);
    ObjectNode body = Json.object();
    body.set("error", error);
    return Json.write(body);
  }
}
