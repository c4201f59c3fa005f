package dev.crashtest.reports;

import java.util.regex.Pattern;

/**
 * Blanks out anything shaped like a credential before a report shows text to a human: a JWT ({@code eyJ….….…}) or
 * the value of a {@code Bearer} header. The histories and report.json hold token ids, never tokens; this is the
 * second line of defence for what an agent or a fake put into a message, an error or an op's details.
 *
 * <pre>{@code
 * Redaction.redact("Authorization: Bearer abc.def");   // "Authorization: Bearer [redacted]"
 * Redaction.redact("token eyJhbGciOi.eyJzdWIi.c2ln");  // "token [redacted]"
 * }</pre>
 */
public final class Redaction {
  public static final String REDACTED = "[redacted]";
  /** Three base64url parts (a JWS), or five (a JWE); the header always starts with {@code {"}, i.e. {@code eyJ}. */
  private static final Pattern JWT = Pattern.compile(
      "eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*)?");
  /** RFC 6750's b64token after the scheme name, which is case-insensitive. */
  private static final Pattern BEARER = Pattern.compile("(?i)\\b(Bearer)\\s+[A-Za-z0-9._~+/=-]+");

  private Redaction() {}

  /** {@code text} with every JWT and bearer value replaced by {@value #REDACTED}; null stays null. */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String withoutJwts = JWT.matcher(text).replaceAll(REDACTED);
    return BEARER.matcher(withoutJwts).replaceAll("$1 " + REDACTED);
  }
}
