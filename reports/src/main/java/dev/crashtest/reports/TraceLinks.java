package dev.crashtest.reports;

import static dev.crashtest.reports.HtmlEscaping.text;

import dev.crashtest.history.Op;
import dev.crashtest.history.Vocabulary;
import dev.crashtest.scenario.TraceSource;

/**
 * How index.html shows a fault of a run and, for one inferred from a production trace, the span it came from: the
 * span and trace ids as text, or, when {@value #VARIABLE} holds a URL template, a link into the tracing UI built from
 * it by putting the ids in place of {@code {trace-id}} and {@code {span-id}}.
 *
 * <pre>{@code
 * // CRASHTEST_TRACE_URL=https://jaeger.acme.internal/trace/{trace-id}?uiFind={span-id}
 * TraceLinks links = TraceLinks.fromEnvironment();
 * links.fault(op);   // kill -9 the agent … (from span <a href="https://jaeger…">00f067aa0ba902b7 … </a>)
 * }</pre>
 */
final class TraceLinks {
  /** The environment variable holding the URL template of the tracing UI. */
  static final String VARIABLE = "CRASHTEST_TRACE_URL";

  private final String template;

  private TraceLinks(String template) {
    this.template = template;
  }

  /** Links built from {@value #VARIABLE}; ids as text when it is not set. */
  static TraceLinks fromEnvironment() {
    return of(System.getenv(VARIABLE));
  }

  /** Links built from {@code template}; ids as text when it is null or blank. */
  static TraceLinks of(String template) {
    return new TraceLinks(template == null || template.isBlank() ? null : template.strip());
  }

  /**
   * The fault a {@code fault_injected} or {@code fault_missed} op names, as HTML: its description, and the span it
   * reproduces, if the op names one ({@code traceId}, {@code spanId}), as ids or a link.
   */
  String fault(Op op) {
    String fault = String.valueOf(op.text(Vocabulary.FAULT));
    ReportRun.TraceSpan span = ReportRun.span(op);
    if (span == null) {
      return text(fault);
    }
    // the description ends with the span in words (Fault.describe()); shown once, as ids or a link
    String words = " (" + TraceSource.of(span.traceId(), span.spanId()).describe() + ")";
    String what = fault.endsWith(words) ? fault.substring(0, fault.length() - words.length()) : fault;
    return text(what) + " " + source(span);
  }

  /** {@code (from span <code>…</code> of trace <code>…</code>)}, a link when there is a template. */
  String source(ReportRun.TraceSpan span) {
    String ids = "from span <code>" + text(span.spanId()) + "</code> of trace <code>" + text(span.traceId())
        + "</code>";
    String shown = template == null ? ids : "<a href=\"" + text(url(span)) + "\">" + ids + "</a>";
    return "<span class=\"trace-source\">(" + shown + ")</span>";
  }

  private String url(ReportRun.TraceSpan span) {
    return template.replace("{trace-id}", span.traceId()).replace("{span-id}", span.spanId());
  }
}
