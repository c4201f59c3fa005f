package dev.crashtest.agents.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a workload tool's HTTP path and JSON body template with the model's arguments (contract, section 3.3).
 *
 * <ul>
 *   <li>path: every {@code {param}} is replaced by the argument's text, URL-encoded as one path segment;
 *   <li>body: a string that is exactly {@code "{param}"} becomes the argument's JSON value (a number stays a
 *       number); {@code "text {param}"} is string interpolation; everything else is copied as written.
 * </ul>
 *
 * <p>An argument the template names but the model did not send (or sent as {@code null}) is a {@link
 * MissingArgumentException}, except a body value that is exactly {@code "{param}"} for a parameter the tool does
 * not require: that field is left out.
 *
 * <pre>{@code
 * HttpTemplate.path("/orders/{order_id}", Json.parse("{\"order_id\":\"A/1\"}")); // "/orders/A%2F1"
 * HttpTemplate.body(Json.parse("{\"amount\":\"{amount}\"}"), Json.parse("{\"amount\":40}"), Set.of()); // {"amount":40}
 * }</pre>
 */
public final class HttpTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_.-]*)}");

  private HttpTemplate() {}

  /** The path with every {@code {param}} replaced by the URL-encoded argument. */
  public static String path(String template, JsonNode args) throws MissingArgumentException {
    return interpolate(template, args, true);
  }

  /**
   * The body rendered from its template; {@code null} when the template is {@code null} or JSON {@code null}.
   *
   * @param required the names the tool's {@code parameters.required} lists
   */
  public static JsonNode body(JsonNode template, JsonNode args, Set<String> required)
      throws MissingArgumentException {
    if (template == null || template.isNull() || template.isMissingNode()) {
      return null;
    }
    return render(template, args, required);
  }

  private static JsonNode render(JsonNode template, JsonNode args, Set<String> required)
      throws MissingArgumentException {
    if (template.isObject()) {
      ObjectNode out = Json.object();
      for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String optional = optionalAndAbsent(field.getValue(), args, required);
        if (optional == null) {
          out.set(field.getKey(), render(field.getValue(), args, required));
        }
      }
      return out;
    }
    if (template.isArray()) {
      ArrayNode out = Json.MAPPER.createArrayNode();
      for (JsonNode element : template) {
        out.add(optionalAndAbsent(element, args, required) == null ? render(element, args, required)
            : NullNode.getInstance());
      }
      return out;
    }
    if (!template.isTextual()) {
      return template.deepCopy();
    }
    String text = template.asText();
    Matcher whole = PLACEHOLDER.matcher(text);
    if (whole.matches()) {
      return argument(args, whole.group(1)).deepCopy();
    }
    return TextNode.valueOf(interpolate(text, args, false));
  }

  /** The parameter's name when {@code value} is exactly {@code "{param}"}, not required and not sent. */
  private static String optionalAndAbsent(JsonNode value, JsonNode args, Set<String> required) {
    if (!value.isTextual()) {
      return null;
    }
    Matcher whole = PLACEHOLDER.matcher(value.asText());
    if (!whole.matches() || required.contains(whole.group(1))) {
      return null;
    }
    JsonNode argument = args.get(whole.group(1));
    return argument == null || argument.isNull() ? whole.group(1) : null;
  }

  private static String interpolate(String template, JsonNode args, boolean encode) throws MissingArgumentException {
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (matcher.find()) {
      String text = text(argument(args, matcher.group(1)));
      out.append(template, last, matcher.start()).append(encode ? segment(text) : text);
      last = matcher.end();
    }
    return out.append(template.substring(last)).toString();
  }

  private static JsonNode argument(JsonNode args, String name) throws MissingArgumentException {
    JsonNode value = args == null ? null : args.get(name);
    if (value == null || value.isNull()) {
      throw new MissingArgumentException("missing argument [" + name + "]");
    }
    return value;
  }

  private static String text(JsonNode value) {
    return value.isValueNode() ? value.asText() : Json.write(value);
  }

  /** One path segment, percent-encoded: a space is {@code %20}, a slash {@code %2F}. */
  static String segment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The model's arguments lack one the template needs; the model is told so as the tool's result. */
  public static final class MissingArgumentException extends Exception {
    MissingArgumentException(String message) {
      super(message);
    }
  }
}
