package dev.crashtest.scenario;

import java.util.regex.Pattern;

/**
 * The span of a production trace a fault reproduces: the trace's id (32 lower-case hex digits) and the span's (16),
 * as OpenTelemetry writes them. {@code ./crashtest import-trace} sets it on each fault it infers from a trace; the
 * fault's description, the history and the reports then name the span, so a finding leads back to the incident.
 *
 * <pre>{@code
 * killAgent().when(crmCommitted("place_order"))
 *     .from(TraceSource.of("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"));
 * }</pre>
 *
 * @param traceId the trace's id, 32 lower-case hex digits
 * @param spanId the span's id, 16 lower-case hex digits
 */
public record TraceSource(String traceId, String spanId) {
  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");
  private static final String EXAMPLE = "; for example: TraceSource.of(\"4bf92f3577b34da6a3ce929d0e0e4736\","
      + " \"00f067aa0ba902b7\")";

  public TraceSource {
    if (traceId == null || !TRACE_ID.matcher(traceId).matches()) {
      throw new IllegalArgumentException("trace id [" + traceId + "] is not 32 lower-case hex digits" + EXAMPLE);
    }
    if (spanId == null || !SPAN_ID.matcher(spanId).matches()) {
      throw new IllegalArgumentException("span id [" + spanId + "] is not 16 lower-case hex digits" + EXAMPLE);
    }
  }

  /** The span {@code spanId} of the trace {@code traceId}; both as OpenTelemetry writes them, in lower-case hex. */
  public static TraceSource of(String traceId, String spanId) {
    return new TraceSource(traceId, spanId);
  }

  /** How the span reads after a fault's description: {@code from span 00f067aa0ba902b7 of trace 4bf9…4736}. */
  public String describe() {
    return "from span " + spanId + " of trace " + traceId;
  }

  @Override
  public String toString() {
    return describe();
  }
}
