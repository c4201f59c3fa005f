package dev.crashtest.reports;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a report.json into a {@link Report}: checks it is a Crashtest report of this schema version, binds the
 * report's own fields to the model's records, and keeps every other top-level field as a section. Fields this
 * version does not know are ignored, as the schema only ever adds fields.
 */
final class ReportReader {
  private ReportReader() {}

  static Report read(Path file) {
    JsonNode root = tree(file);
    if (root == null || !root.isObject() || !root.path("schemaVersion").isInt()) {
      throw new IllegalArgumentException("[" + file + "] is not a Crashtest report.json: it has no schemaVersion");
    }
    int version = root.get("schemaVersion").asInt();
    if (version != Report.SCHEMA_VERSION) {
      throw new IllegalArgumentException("[" + file + "] has schemaVersion [" + version + "]; this crashtest reads"
          + " schemaVersion " + Report.SCHEMA_VERSION);
    }
    for (String field : List.of("seed", "repeat")) {
      if (!root.path(field).canConvertToLong()) {
        throw new IllegalArgumentException("[" + file + "] is not a complete Crashtest report.json: no " + field);
      }
    }
    if (!root.path("runs").isArray() || !root.path("comparison").path("cells").isArray()) {
      throw new IllegalArgumentException("[" + file + "] is not a complete Crashtest report.json: no runs or"
          + " comparison cells");
    }
    Map<String, JsonNode> sections = new LinkedHashMap<>();
    root.fields().forEachRemaining(field -> {
      if (!Report.OWN_FIELDS.contains(field.getKey())) {
        sections.put(field.getKey(), field.getValue());
      }
    });
    Path parent = file.toAbsolutePath().getParent();
    try {
      return Report.read(root.get("seed").asLong(), root.get("repeat").asInt(),
          Report.JSON.convertValue(root.get("runs"), new TypeReference<List<ReportRun>>() {}),
          Report.JSON.treeToValue(root.get("comparison"), Comparison.class),
          root.has("crashPointSweeps") ? Report.JSON.convertValue(root.get("crashPointSweeps"),
              new TypeReference<List<Report.Sweep>>() {}) : List.of(),
          sections, parent == null ? Path.of("") : parent);
    } catch (JacksonException | IllegalArgumentException e) {
      throw new IllegalArgumentException("[" + file + "] is not a complete Crashtest report.json: "
          + (e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage()).lines().findFirst()
          .orElse(""), e);
    }
  }

  private static JsonNode tree(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("[" + file + "] does not exist or is not a file");
    }
    try {
      return Report.JSON.readTree(file.toFile());
    } catch (JacksonException e) {
      throw new IllegalArgumentException("[" + file + "] is not JSON: " + e.getOriginalMessage().lines().findFirst()
          .orElse(""), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("[" + file + "] could not be read: " + e.getMessage(), e);
    }
  }
}
