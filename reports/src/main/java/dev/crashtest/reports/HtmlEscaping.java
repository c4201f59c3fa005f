package dev.crashtest.reports;

/**
 * Text for HTML and inline SVG: redacted first ({@link Redaction}), then escaped, so no value can open a tag, close
 * an attribute or show a token. Control characters that HTML forbids become U+FFFD.
 */
final class HtmlEscaping {
  private HtmlEscaping() {}

  /** {@code value} as text or a quoted attribute value. */
  static String text(Object value) {
    String redacted = Redaction.redact(String.valueOf(value));
    StringBuilder out = new StringBuilder(redacted.length() + 16);
    for (int i = 0; i < redacted.length(); i++) {
      char c = redacted.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(isControl(c) ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }

  /** C0 controls other than tab, line feed and carriage return, and DEL: not allowed in HTML or XML text. */
  private static boolean isControl(char c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F || c == '\uFFFE' || c == '\uFFFF';
  }
}
