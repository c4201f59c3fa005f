package dev.crashtest.fakes.model.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A string with placeholders filled from the conversation:
 *
 * <ul>
 *   <li>{@code ${goal}} the goal; {@code ${goal.account}} / {@code ${goal.1}} a named / numbered group of the
 *       goal pattern;
 *   <li>{@code ${result.create_quote}} the latest result of a tool; {@code ${result.create_quote.quoteId}} a
 *       field of it (JSON, dotted path, array indices as numbers);
 *   <li>{@code ${last.tool}} the name of the last tool result, {@code ${last.result}} / {@code ${last.result.a}}
 *       its content or a field of it;
 *   <li>{@code ${turn}} the turn number.
 * </ul>
 *
 * A suffix {@code :int}, {@code :number} or {@code :string} converts the value. A string that is exactly one
 * placeholder keeps the value's JSON type ({@code "${result.create_quote.total}"} stays a number); goal groups are
 * strings unless converted. {@code $${} writes a literal {@code ${}.
 *
 * <pre>{@code
 * Template.parse("Order ${result.place_order.orderId}").render(context);
 * }</pre>
 */
final class Template {
  private static final Set<String> ROOTS = Set.of("goal", "result", "last", "turn");
  private static final Set<String> CONVERSIONS = Set.of("int", "number", "string");

  private final String source;
  private final List<Object> parts;

  private Template(String source, List<Object> parts) {
    this.source = source;
    this.parts = List.copyOf(parts);
  }

  /** Parses a template; throws {@link IllegalArgumentException} with a short message if it is malformed. */
  static Template parse(String source) {
    List<Object> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < source.length()) {
      if (source.startsWith("$${", i)) {
        literal.append("${");
        i += 3;
      } else if (source.startsWith("${", i)) {
        int end = source.indexOf('}', i);
        if (end < 0) {
          throw new IllegalArgumentException("placeholder [" + source.substring(i) + "] has no closing }");
        }
        if (literal.length() > 0) {
          parts.add(literal.toString());
          literal.setLength(0);
        }
        parts.add(Placeholder.parse(source.substring(i + 2, end)));
        i = end + 1;
      } else {
        literal.append(source.charAt(i++));
      }
    }
    if (literal.length() > 0 || parts.isEmpty()) {
      parts.add(literal.toString());
    }
    return new Template(source, parts);
  }

  /** The filled text; throws {@link TemplateException} if a placeholder cannot be filled. */
  String render(TemplateContext context) {
    StringBuilder text = new StringBuilder();
    for (Object part : parts) {
      text.append(part instanceof Placeholder p ? asText(p.resolve(context)) : part);
    }
    return text.toString();
  }

  /** The filled value: typed if the template is exactly one placeholder, else the rendered text. */
  JsonNode value(TemplateContext context) {
    if (parts.size() == 1 && parts.get(0) instanceof Placeholder p) {
      return p.resolve(context);
    }
    return TextNode.valueOf(render(context));
  }

  @Override
  public String toString() {
    return source;
  }

  static String asText(JsonNode node) {
    return node.isValueNode() ? node.asText() : Json.write(node);
  }

  /** One {@code ${root.path:conversion}}. */
  private record Placeholder(String expression, String root, List<String> path, String conversion) {

    static Placeholder parse(String expression) {
      String body = expression;
      String conversion = null;
      int colon = expression.lastIndexOf(':');
      if (colon >= 0) {
        conversion = expression.substring(colon + 1);
        body = expression.substring(0, colon);
        if (!CONVERSIONS.contains(conversion)) {
          throw new IllegalArgumentException("placeholder [${" + expression + "}] has unknown conversion [:"
              + conversion + "]; known: :int, :number, :string");
        }
      }
      List<String> segments = Arrays.asList(body.split("\\.", -1));
      String root = segments.get(0);
      List<String> path = segments.subList(1, segments.size());
      if (!ROOTS.contains(root) || path.contains("")) {
        throw new IllegalArgumentException("placeholder [${" + expression
            + "}] must start with goal, result, last or turn, e.g. ${goal.account} or ${result.create_quote.quoteId}");
      }
      checkShape(expression, root, path);
      return new Placeholder(expression, root, List.copyOf(path), conversion);
    }

    private static void checkShape(String expression, String root, List<String> path) {
      boolean ok = switch (root) {
        case "goal" -> path.size() <= 1;
        case "result" -> !path.isEmpty();
        case "last" -> !path.isEmpty()
            && (path.get(0).equals("result") || (path.get(0).equals("tool") && path.size() == 1));
        default -> path.isEmpty();
      };
      if (!ok) {
        throw new IllegalArgumentException("placeholder [${" + expression + "}] is not one of ${goal}, ${goal.NAME},"
            + " ${result.TOOL[.field...]}, ${last.tool}, ${last.result[.field...]}, ${turn}");
      }
    }

    JsonNode resolve(TemplateContext context) {
      JsonNode value = switch (root) {
        case "goal" -> TextNode.valueOf(path.isEmpty() ? context.goal() : context.goalGroup(path.get(0), this));
        case "result" -> context.result(path.get(0), path.subList(1, path.size()), this);
        case "last" -> path.get(0).equals("tool")
            ? TextNode.valueOf(context.lastToolName(this))
            : context.result(context.lastToolName(this), path.subList(1, path.size()), this);
        default -> IntNode.valueOf(context.turn());
      };
      return conversion == null ? value : convert(value);
    }

    private JsonNode convert(JsonNode value) {
      String text = asText(value).trim();
      try {
        return switch (conversion) {
          case "int" -> LongNode.valueOf(new BigDecimal(text).longValueExact());
          case "number" -> Json.MAPPER.getNodeFactory().numberNode(new BigDecimal(text));
          default -> TextNode.valueOf(text);
        };
      } catch (ArithmeticException | NumberFormatException e) {
        throw new TemplateException(this + " is [" + text + "], not " + (conversion.equals("int") ? "an integer"
            : "a number"));
      }
    }

    @Override
    public String toString() {
      return "${" + expression + "}";
    }
  }
}
