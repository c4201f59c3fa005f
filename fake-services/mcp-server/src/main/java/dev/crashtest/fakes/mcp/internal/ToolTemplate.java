package dev.crashtest.fakes.mcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * Fills a tool's path and body templates from a call's arguments, as the reference agents fill a workload tool's
 * (agent contract, section 3.3): {@code {arg}} in the path is one URL-encoded segment; a body string that is exactly
 * {@code "{arg}"} is the argument's JSON value, left out when the argument is optional and absent; {@code "x {arg}"}
 * interpolates.
 *
 * <pre>{@code
 * ToolTemplate.path("/accounts/{account_id}", args);   // "/accounts/ACME-001"
 * }</pre>
 */
final class ToolTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_.-]*)}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ToolTemplate() {}

  /** An argument a template names is missing: the caller gets it back as a tool error. */
  static final class MissingArgument extends Exception {
    MissingArgument(String message) {
      super(message);
    }
  }

  static String path(String template, JsonNode args) throws MissingArgument {
    return interpolate(template, args, true);
  }

  /** The rendered body, or null without a template. */
  static JsonNode body(String templateJson, JsonNode args, Set<String> required) throws MissingArgument {
    if (templateJson == null) {
      return null;
    }
    try {
      return render(JSON.readTree(templateJson), args, required);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("mcp: a body template checked at start is not JSON", e);
    }
  }

  private static JsonNode render(JsonNode template, JsonNode args, Set<String> required) throws MissingArgument {
    if (template.isObject()) {
      ObjectNode out = JSON.createObjectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!optionalAndAbsent(field.getValue(), args, required)) {
          out.set(field.getKey(), render(field.getValue(), args, required));
        }
      }
      return out;
    }
    if (template.isArray()) {
      ArrayNode out = JSON.createArrayNode();
      for (JsonNode element : template) {
        out.add(optionalAndAbsent(element, args, required) ? JSON.nullNode() : render(element, args, required));
      }
      return out;
    }
    if (!template.isTextual()) {
      return template.deepCopy();
    }
    Matcher whole = PLACEHOLDER.matcher(template.asText());
    if (whole.matches()) {
      return argument(args, whole.group(1)).deepCopy();
    }
    return TextNode.valueOf(interpolate(template.asText(), args, false));
  }

  private static boolean optionalAndAbsent(JsonNode value, JsonNode args, Set<String> required) {
    if (!value.isTextual()) {
      return false;
    }
    Matcher whole = PLACEHOLDER.matcher(value.asText());
    if (!whole.matches() || required.contains(whole.group(1))) {
      return false;
    }
    JsonNode argument = args.get(whole.group(1));
    return argument == null || argument.isNull();
  }

  private static String interpolate(String template, JsonNode args, boolean encode) throws MissingArgument {
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (matcher.find()) {
      JsonNode value = argument(args, matcher.group(1));
      String text = value.isValueNode() ? value.asText() : value.toString();
      out.append(template, last, matcher.start())
          .append(encode ? URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20") : text);
      last = matcher.end();
    }
    return out.append(template.substring(last)).toString();
  }

  private static JsonNode argument(JsonNode args, String name) throws MissingArgument {
    JsonNode value = args == null ? null : args.get(name);
    if (value == null || value.isNull()) {
      throw new MissingArgument("missing argument [" + name + "]");
    }
    return value;
  }
}
