package dev.crashtest.fakes.identity.internal;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The JSON body of one identity admin request, read field by field. Every refusal is an {@link
 * IllegalArgumentException} with one line naming the field and showing a body that works.
 *
 * <pre>{@code
 * AdminBody body = AdminBody.parse(request.getBody(), List.of("clientId", "secret"), "{\"clientId\":\"naive-agent\"}");
 * String clientId = body.text("clientId");
 * }</pre>
 */
final class AdminBody {
  private final Map<String, Object> json;
  private final String example;

  private AdminBody(Map<String, Object> json, String example) {
    this.json = json;
    this.example = example;
  }

  /**
   * Parses {@code body}, which must be a JSON object with no field outside {@code fields}; an empty body is
   * {@code {}}.
   */
  static AdminBody parse(String body, List<String> fields, String example) {
    Map<String, Object> json;
    try {
      json = body == null || body.isBlank() ? Map.of() : JSONObjectUtils.parse(body);
    } catch (ParseException e) {
      throw new IllegalArgumentException("identity: body must be a JSON object, e.g. " + example);
    }
    for (String field : json.keySet()) {
      if (!fields.contains(field)) {
        throw new IllegalArgumentException("identity: field [" + field + "] is not taken here, which takes "
            + fields + ", e.g. " + example);
      }
    }
    return new AdminBody(json, example);
  }

  /** A string that is not blank. */
  String text(String field) {
    Object value = required(field);
    if (!(value instanceof String text) || text.isBlank()) {
      throw wrong(field, "a non-blank string", value);
    }
    return text;
  }

  boolean has(String field) {
    return json.get(field) != null;
  }

  /** A list of strings, possibly empty. */
  List<String> texts(String field) {
    Object value = required(field);
    List<String> texts = new ArrayList<>();
    if (value instanceof List<?> items) {
      for (Object item : items) {
        if (!(item instanceof String text) || text.isBlank()) {
          throw wrong(field, "a list of non-blank strings", value);
        }
        texts.add(text);
      }
      return texts;
    }
    throw wrong(field, "a list of non-blank strings", value);
  }

  long number(String field, long min) {
    Object value = required(field);
    boolean whole = value instanceof Long || value instanceof Integer
        || value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p63;
    if (!whole || ((Number) value).longValue() < min) {
      throw wrong(field, "a whole number from " + min + " to " + Long.MAX_VALUE, value);
    }
    return ((Number) value).longValue();
  }

  OptionalLong optionalNumber(String field, long min) {
    return has(field) ? OptionalLong.of(number(field, min)) : OptionalLong.empty();
  }

  private Object required(String field) {
    Object value = json.get(field);
    if (value == null) {
      throw new IllegalArgumentException("identity: missing field [" + field + "], e.g. " + example);
    }
    return value;
  }

  private IllegalArgumentException wrong(String field, String expected, Object value) {
    String shown = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    return new IllegalArgumentException("identity: field [" + field + "] must be " + expected + ", got " + shown
        + ", e.g. " + example);
  }
}
