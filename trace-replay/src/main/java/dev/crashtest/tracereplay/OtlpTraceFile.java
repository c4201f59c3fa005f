package dev.crashtest.tracereplay;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an OTLP/JSON trace export as the OpenTelemetry Collector's file exporter writes it: one
 * {@code {"resourceSpans": [...]}} object per line, or one such object over many lines. Each object is parsed into
 * the OTLP protobuf type {@link TracesData} by protobuf's {@link JsonFormat}; the only rewriting before it is the
 * one OTLP/JSON asks for: trace and span ids are hex there, where the protobuf JSON mapping of {@code bytes} is
 * base64.
 */
final class OtlpTraceFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  private OtlpTraceFile() {}

  /**
   * All spans in the file, in file order.
   *
   * @throws TraceImportException naming the file, the line and what is wrong
   */
  static List<TraceSpan> read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new TraceImportException(file + ": no such file");
    } catch (IOException e) {
      throw new TraceImportException(file + ": cannot read it: " + e.getMessage(), e);
    }
    if (text.isBlank()) {
      throw new TraceImportException(file + ": the file is empty; export the trace with the Collector's file exporter"
          + " (docs/trace-replay.md)");
    }
    if (text.strip().startsWith("[")) {
      // readValues would walk into a top-level array as if its items were the stream's objects.
      spansOf(file, 1, JSON.createArrayNode());
    }
    List<TraceSpan> spans = new ArrayList<>();
    int objects = 0;
    try (MappingIterator<JsonNode> roots = JSON.readerFor(JsonNode.class).readValues(text)) {
      while (roots.hasNextValue()) {
        JsonLocation at = roots.getParser().currentLocation();
        JsonNode root = roots.nextValue();
        objects++;
        int line = at.getLineNr();
        spans.addAll(spansOf(file, line, root));
      }
    } catch (JsonProcessingException e) {
      throw unreadable(file, e, objects);
    } catch (IOException e) {
      throw new TraceImportException(file + ": cannot read it: " + e.getMessage(), e);
    }
    if (spans.isEmpty()) {
      throw new TraceImportException(file + ": an OTLP/JSON export with no spans in it");
    }
    return spans;
  }

  /** The file's JSON broken off ({@link JsonEOFException}: truncated) or malformed, at its line and column. */
  private static TraceImportException unreadable(Path file, JsonProcessingException e, int objectsBefore) {
    JsonLocation at = e.getLocation();
    String where = file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr());
    if (e instanceof JsonEOFException) {
      return new TraceImportException(where + ": the JSON ends before it is complete: the file is truncated ("
          + objectsBefore + " complete object(s) before it); export it again", e);
    }
    return new TraceImportException(where + ": not JSON: " + e.getOriginalMessage().lines().findFirst().orElse("")
        + "; an OTLP/JSON trace export is one {\"resourceSpans\": [...]} object per line", e);
  }

  private static List<TraceSpan> spansOf(Path file, int line, JsonNode root) {
    String where = file + ":" + line;
    if (root.isArray()) {
      throw new TraceImportException(where + ": a JSON array, not an OTLP/JSON trace export (an object with"
          + " \"resourceSpans\"); Zipkin or Jaeger JSON is not read: export OTLP with the Collector's file exporter");
    }
    if (!root.isObject() || !root.has("resourceSpans")) {
      throw new TraceImportException(where + ": not an OTLP/JSON trace export: no \"resourceSpans\" in the object"
          + (root.isObject() ? " (it has " + fieldNames(root) + ")" : "") + "; export traces with the Collector's file"
          + " exporter");
    }
    ObjectNode copy = root.deepCopy();
    hexIdsToBase64(where, copy);
    TracesData.Builder data = TracesData.newBuilder();
    try {
      JsonFormat.parser().ignoringUnknownFields().merge(JSON.writeValueAsString(copy), data);
    } catch (InvalidProtocolBufferException | JsonProcessingException e) {
      throw new TraceImportException(where + ": not OTLP/JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    List<TraceSpan> spans = new ArrayList<>();
    for (ResourceSpans resourceSpans : data.getResourceSpansList()) {
      Map<String, Object> resource = attributes(resourceSpans.getResource().getAttributesList());
      for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
        for (Span span : scope.getSpansList()) {
          spans.add(span(span, resource));
        }
      }
    }
    return spans;
  }

  private static String fieldNames(JsonNode root) {
    List<String> names = new ArrayList<>();
    root.fieldNames().forEachRemaining(names::add);
    return names.size() > 5 ? String.join(", ", names.subList(0, 5)) + ", ..." : String.join(", ", names);
  }

  /** OTLP/JSON's one deviation from the protobuf JSON mapping: ids are hex strings, not base64. */
  private static void hexIdsToBase64(String where, ObjectNode root) {
    for (JsonNode resourceSpans : array(root, "resourceSpans")) {
      for (JsonNode scopeSpans : array(resourceSpans, "scopeSpans")) {
        for (JsonNode span : array(scopeSpans, "spans")) {
          if (span instanceof ObjectNode object) {
            convert(where, object, "traceId", 32);
            convert(where, object, "spanId", 16);
            convert(where, object, "parentSpanId", 16);
            for (JsonNode link : array(object, "links")) {
              if (link instanceof ObjectNode linkObject) {
                convert(where, linkObject, "traceId", 32);
                convert(where, linkObject, "spanId", 16);
              }
            }
          }
        }
      }
    }
  }

  private static Iterable<JsonNode> array(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value instanceof ArrayNode array ? array : List.of();
  }

  private static void convert(String where, ObjectNode span, String field, int hexDigits) {
    JsonNode value = span.get(field);
    if (value == null || value.asText().isEmpty()) {
      return;
    }
    String hex = value.asText();
    if (hex.length() != hexDigits || !hex.matches("[0-9a-fA-F]+")) {
      throw new TraceImportException(where + ": span " + field + " [" + hex + "] is not " + hexDigits + " hex digits"
          + " as OTLP/JSON writes ids");
    }
    span.put(field, Base64.getEncoder().encodeToString(HEX.parseHex(hex.toLowerCase(java.util.Locale.ROOT))));
  }

  private static TraceSpan span(Span span, Map<String, Object> resource) {
    List<TraceSpan.Event> events = new ArrayList<>();
    span.getEventsList().forEach(event -> events.add(new TraceSpan.Event(event.getName(),
        attributes(event.getAttributesList()))));
    boolean error = span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR;
    return new TraceSpan(TraceSpan.hex(span.getTraceId()), TraceSpan.hex(span.getSpanId()),
        TraceSpan.hex(span.getParentSpanId()), span.getName(), span.getKindValue(), span.getStartTimeUnixNano(),
        span.getEndTimeUnixNano(), attributes(span.getAttributesList()), error, span.getStatus().getMessage(),
        List.copyOf(events), resource);
  }

  static Map<String, Object> attributes(List<KeyValue> keyValues) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    for (KeyValue keyValue : keyValues) {
      attributes.put(keyValue.getKey(), value(keyValue.getValue()));
    }
    return attributes;
  }

  private static Object value(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case INT_VALUE -> value.getIntValue();
      case DOUBLE_VALUE -> value.getDoubleValue();
      case BOOL_VALUE -> value.getBoolValue();
      case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(OtlpTraceFile::value).toList();
      case KVLIST_VALUE -> attributes(value.getKvlistValue().getValuesList());
      case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
      default -> "";
    };
  }

}
