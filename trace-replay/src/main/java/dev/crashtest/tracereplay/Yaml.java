package dev.crashtest.tracereplay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * YAML text with comments, which no YAML library writes: every scalar and every nested structure is written as JSON
 * (a JSON string is a YAML double-quoted scalar, a JSON object a YAML flow mapping), so the only hand-made syntax is
 * indentation, keys and {@code #} comments. The command reads each file back through Crashtest's own readers.
 */
final class Yaml {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Comments wrap at this width. */
  private static final int WIDTH = 118;

  private Yaml() {}

  /** A value as a YAML flow scalar or structure. */
  static String value(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value + " as JSON", e);
    }
  }

  /** A comment block, each line starting with {@code indent + "# "}. */
  static String comment(String indent, String text) {
    StringBuilder out = new StringBuilder();
    for (String paragraph : text.split("\n")) {
      StringBuilder line = new StringBuilder();
      for (String word : paragraph.replace("\r", "").split(" ")) {
        if (line.length() > 0 && indent.length() + 2 + line.length() + 1 + word.length() > WIDTH) {
          out.append(indent).append("# ").append(line).append('\n');
          line.setLength(0);
        }
        line.append(line.length() > 0 ? " " : "").append(word);
      }
      out.append(indent).append("# ").append(line).append('\n');
    }
    return out.toString();
  }
}
