package dev.crashtest.fakes.model.internal;

/** A template placeholder that this conversation cannot fill, e.g. a tool result that has not arrived yet. */
final class TemplateException extends RuntimeException {
  TemplateException(String message) {
    super(message, null, false, false);
  }
}
