package dev.crashtest.fakes.model.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;

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
  private final String source;
  private final List<Object> parts;

  private Template(String source, List<Object> parts) {
    this.source = source;
    this.parts = List.copyOf(parts);
  }

  /** Parses a template; throws {@link IllegalArgumentException} with a short message if it is malformed. */
  static Template parse(String source) {
    Parts parts = new Parts();
    int i = 0;
    while (i < source.length()) {
      if (source.startsWith("$${", i)) {
        parts.literal("${");
        i += 3;
      } else if (source.startsWith("${", i)) {
        int end = closingBrace(source, i);
        parts.placeholder(Placeholder.parse(source.substring(i + 2, end)));
        i = end + 1;
      } else {
        parts.literal(String.valueOf(source.charAt(i++)));
      }
    }
    return new Template(source, parts.done());
  }

  private static int closingBrace(String source, int start) {
    int end = source.indexOf('}', start);
    if (end < 0) {
      throw new IllegalArgumentException("placeholder [" + source.substring(start) + "] has no closing }");
    }
    return end;
  }

  /** A template's parts as they are read: runs of literal text between placeholders. */
  private static final class Parts {
    private final List<Object> parts = new ArrayList<>();
    private final StringBuilder literal = new StringBuilder();

    void literal(String text) {
      literal.append(text);
    }

    void placeholder(Placeholder placeholder) {
      flushLiteral();
      parts.add(placeholder);
    }

    List<Object> done() {
      if (literal.length() > 0 || parts.isEmpty()) {
        parts.add(literal.toString());
      }
      return parts;
    }

    private void flushLiteral() {
      if (literal.length() > 0) {
        parts.add(literal.toString());
        literal.setLength(0);
      }
    }
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
}
