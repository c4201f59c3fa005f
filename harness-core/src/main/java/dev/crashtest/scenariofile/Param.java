package dev.crashtest.scenariofile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One field of a fault in a scenario file: its name, what it holds, whether it is required, and what it means. The
 * reader, the writer and the published JSON Schema all come from these.
 */
record Param(String name, Type type, boolean required, String description) {

  /** What a field holds, and its JSON Schema. */
  enum Type {
    DURATION, SIGNED_DURATION, JITTERED_DURATION, DURATION_OR_NEVER, POSITIVE_INT, INT, BOOLEAN, HOP, STRING,
    HTTP_STATUS;

    Map<String, Object> schema() {
      Map<String, Object> schema = new LinkedHashMap<>();
      switch (this) {
        case DURATION -> string(schema, Durations.PATTERN);
        case SIGNED_DURATION -> string(schema, Durations.SIGNED_PATTERN);
        case JITTERED_DURATION -> string(schema, Durations.JITTERED_PATTERN);
        case DURATION_OR_NEVER -> string(schema, "^([0-9]+(" + Durations.UNITS + ")|never)$");
        case POSITIVE_INT -> {
          schema.put("type", "integer");
          schema.put("minimum", 1);
        }
        case INT -> schema.put("type", "integer");
        case BOOLEAN -> schema.put("type", "boolean");
        case HOP -> {
          schema.put("type", "string");
          schema.put("enum", List.of("model", "identity", "crm", "platform", "mcp"));
        }
        case STRING -> {
          schema.put("type", "string");
          schema.put("minLength", 1);
        }
        case HTTP_STATUS -> {
          schema.put("type", "integer");
          schema.put("minimum", 400);
          schema.put("maximum", 599);
        }
      }
      return schema;
    }

    private static void string(Map<String, Object> schema, String pattern) {
      schema.put("type", "string");
      schema.put("pattern", pattern);
    }
  }

  static Param required(String name, Type type, String description) {
    return new Param(name, type, true, description);
  }

  static Param optional(String name, Type type, String description) {
    return new Param(name, type, false, description);
  }

  Map<String, Object> schema() {
    Map<String, Object> schema = type.schema();
    schema.put("description", description);
    return schema;
  }
}
