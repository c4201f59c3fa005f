package dev.crashtest.fakes.model.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One {@code ${root.path:conversion}} of a {@link Template}: parsed once, checked for a known root, shape and
 * conversion, and resolved against each conversation.
 *
 * <pre>{@code
 * Placeholder.parse("result.create_quote.total:number").resolve(context);   // 412.5
 * }</pre>
 */
record Placeholder(String expression, String root, List<String> path, String conversion) {
  private static final Set<String> ROOTS = Set.of("goal", "result", "last", "turn");
  private static final Set<String> CONVERSIONS = Set.of("int", "number", "string");

  static Placeholder parse(String expression) {
    int colon = expression.lastIndexOf(':');
    String body = colon < 0 ? expression : expression.substring(0, colon);
    String conversion = colon < 0 ? null : conversion(expression, expression.substring(colon + 1));
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

  private static String conversion(String expression, String conversion) {
    if (!CONVERSIONS.contains(conversion)) {
      throw new IllegalArgumentException("placeholder [${" + expression + "}] has unknown conversion [:"
          + conversion + "]; known: :int, :number, :string");
    }
    return conversion;
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
    String text = Template.asText(value).trim();
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
