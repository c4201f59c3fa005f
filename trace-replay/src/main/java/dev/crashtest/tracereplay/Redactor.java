package dev.crashtest.tracereplay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What leaves the trace for the files. Credentials never do, with or without {@code --redact}: a JWT, a bearer
 * token, an API key or a {@code secret=}/{@code password=} pair anywhere in a value, and every value under a key that
 * names one ({@code authorization}, {@code access_token}, {@code client_secret}, ...), become
 * {@value #CREDENTIAL}. With {@code --redact} every other string value (prompts, goals, tool arguments and results,
 * answers) becomes a stable placeholder, {@code redacted-1}, {@code redacted-2}, ...: the same value always the
 * same placeholder, so an id a tool returned and the model passed on stays one id; numbers, booleans, keys and the
 * structure stay as they were.
 */
final class Redactor {
  static final String CREDENTIAL = "[credential removed]";
  private static final Pattern CREDENTIALS = Pattern.compile(
      "eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"                 // a JWT
          + "|(?i:bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}"                         // an Authorization value
          + "|\\b(?:sk|pk|rk)-[A-Za-z0-9_-]{16,}"                                  // API keys
          + "|(?i:api[_-]?key|secret|password|passwd|token)\\s*[=:]\\s*[^\\s,;&\"']{6,}");
  private static final Pattern CREDENTIAL_KEY = Pattern.compile(
      "(?i).*(authorization|password|passwd|secret|api[_-]?key|access[_-]?token|refresh[_-]?token|id[_-]?token"
          + "|cookie|credential|private[_-]?key).*");

  private final boolean redact;
  private final Map<String, String> placeholders = new HashMap<>();
  private int credentials;

  Redactor(boolean redact) {
    this.redact = redact;
  }

  boolean redacts() {
    return redact;
  }

  /** How many credential-like values were removed. */
  int credentialsRemoved() {
    return credentials;
  }

  /** A string value: credentials removed; with {@code --redact}, its placeholder. */
  String text(String value) {
    String clean = scrub(value);
    if (!redact || clean.isEmpty()) {
      return clean;
    }
    return placeholders.computeIfAbsent(clean, k -> "redacted-" + (placeholders.size() + 1));
  }

  /** Credentials removed, never redacted: for text that is Crashtest's own (names of tools and fields). */
  String scrub(String value) {
    Matcher matcher = CREDENTIALS.matcher(value);
    StringBuilder out = new StringBuilder();
    boolean found = false;
    while (matcher.find()) {
      found = true;
      credentials++;
      matcher.appendReplacement(out, Matcher.quoteReplacement(CREDENTIAL));
    }
    if (!found) {
      return value;
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** A JSON value, deep: every string through {@link #text}, every value under a credential's key removed. */
  JsonNode json(JsonNode value) {
    if (value == null) {
      return null;
    }
    if (value.isTextual()) {
      return TextNode.valueOf(text(value.asText()));
    }
    if (value.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      value.forEach(item -> copy.add(json(item)));
      return copy;
    }
    if (value.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (CREDENTIAL_KEY.matcher(field.getKey()).matches() && !field.getValue().isContainerNode()) {
          credentials++;
          copy.put(field.getKey(), CREDENTIAL);
        } else {
          copy.set(field.getKey(), json(field.getValue()));
        }
      }
      return copy;
    }
    return value.deepCopy();
  }
}
