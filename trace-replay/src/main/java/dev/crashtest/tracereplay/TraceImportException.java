package dev.crashtest.tracereplay;

/**
 * A trace that cannot be imported: not OTLP/JSON, truncated, without GenAI spans, or without what a replay needs.
 * The message is one line naming the file (and line, when there is one) and what is missing.
 */
public final class TraceImportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TraceImportException(String message) {
    super(message);
  }

  TraceImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
