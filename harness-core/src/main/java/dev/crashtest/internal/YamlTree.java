package dev.crashtest.internal;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A YAML document as a JSON tree (for the schema validator) plus the line and column of every field (for the
 * problems), composed by SnakeYAML Engine, which keeps the marks that a data-binding parser drops. Shared by the
 * scenario-file and workload readers; not API.
 */
public final class YamlTree {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  public final JsonNode root;
  /** 1-based line and column of each field's value, by path; of its key under {@code path + "#key"}. */
  public final Map<String, int[]> marks;

  private YamlTree(JsonNode root, Map<String, int[]> marks) {
    this.root = root;
    this.marks = marks;
  }

  /** The tree of {@code yaml}, or empty after adding to {@code problems} why it is not one YAML document. */
  public static Optional<YamlTree> compose(String source, String yaml, Problems problems, Map<String, int[]> marks) {
    Optional<Node> node;
    try {
      LoadSettings settings = LoadSettings.builder().setLabel(source).setAllowDuplicateKeys(true).build();
      node = new Compose(settings).composeString(yaml);
    } catch (MarkedYamlEngineException e) {
      Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
      String problem = e.getProblem() == null ? e.getContext() : e.getProblem();
      problems.addAt(mark == null ? 1 : mark.getLine() + 1, mark == null ? 1 : mark.getColumn() + 1,
          "not valid YAML: " + problem);
      return Optional.empty();
    } catch (YamlEngineException e) {
      problems.addAt(1, 1, "not valid YAML: " + e.getMessage());
      return Optional.empty();
    }
    if (node.isEmpty()) {
      problems.addAt(1, 1, "the file is empty; a scenario needs at least a name, e.g. name: my-incident");
      return Optional.empty();
    }
    JsonNode root = convert(node.get(), "", marks, problems);
    return Optional.of(new YamlTree(root, marks));
  }

  private static JsonNode convert(Node node, String path, Map<String, int[]> marks, Problems problems) {
    node.getStartMark().ifPresent(mark -> marks.put(path, at(mark)));
    if (node instanceof MappingNode mapping) {
      ObjectNode object = NODES.objectNode();
      Set<String> seen = new HashSet<>();
      for (NodeTuple tuple : mapping.getValue()) {
        String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "?";
        String child = Problems.child(path, key);
        tuple.getKeyNode().getStartMark().ifPresent(mark -> marks.put(child + "#key", at(mark)));
        if (!seen.add(key)) {
          problems.add(child, "field [" + key + "] appears twice; keep one");
          continue;
        }
        object.set(key, convert(tuple.getValueNode(), child, marks, problems));
      }
      return object;
    }
    if (node instanceof SequenceNode sequence) {
      ArrayNode array = NODES.arrayNode();
      int i = 0;
      for (Node item : sequence.getValue()) {
        array.add(convert(item, path + "[" + i++ + "]", marks, problems));
      }
      return array;
    }
    return scalar((ScalarNode) node);
  }

  private static JsonNode scalar(ScalarNode scalar) {
    String text = scalar.getValue();
    Tag tag = scalar.getTag();
    try {
      if (tag.equals(Tag.INT)) {
        return NODES.numberNode(new java.math.BigInteger(text.replace("_", "")));
      }
      if (tag.equals(Tag.FLOAT)) {
        return NODES.numberNode(Double.parseDouble(text));
      }
    } catch (NumberFormatException e) {
      return NODES.stringNode(text);
    }
    if (tag.equals(Tag.BOOL)) {
      return NODES.booleanNode(text.equalsIgnoreCase("true"));
    }
    if (tag.equals(Tag.NULL)) {
      return NODES.nullNode();
    }
    return NODES.stringNode(text);
  }

  private static int[] at(Mark mark) {
    return new int[] {mark.getLine() + 1, mark.getColumn() + 1};
  }
}
