package dev.crashtest.history;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Saves a {@link History} as JSON lines (one op per line) and reads it back.
 *
 * <pre>{@code
 * HistoryFiles.write(history, Path.of("crashtest-out/happy-path--naive/history.jsonl"));
 * History again = HistoryFiles.read(Path.of("crashtest-out/happy-path--naive/history.jsonl"));
 * }</pre>
 */
public final class HistoryFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HistoryFiles() {}

  public static void write(History history, Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (BufferedWriter out = Files.newBufferedWriter(file)) {
        for (Op op : history.ops()) {
          out.write(JSON.writeValueAsString(op));
          out.newLine();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the history to [" + file + "]: " + e.getMessage(), e);
    }
  }

  public static History read(Path file) {
    List<Op> ops = new ArrayList<>();
    try {
      int lineNumber = 0;
      for (String line : Files.readAllLines(file)) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        ops.add(parse(file, lineNumber, line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the history [" + file + "]: " + e.getMessage(), e);
    }
    return History.of(ops);
  }

  private static Op parse(Path file, int lineNumber, String line) throws IOException {
    try {
      Map<String, Object> raw = JSON.readValue(line, new TypeReference<>() {});
      @SuppressWarnings("unchecked")
      Map<String, Object> details = (Map<String, Object>) raw.getOrDefault("details", Map.of());
      return new Op(
          ((Number) raw.get("index")).longValue(),
          ((Number) raw.get("timeMillis")).longValue(),
          (String) raw.get("service"),
          (String) raw.get("actor"),
          (String) raw.get("operation"),
          OpType.valueOf((String) raw.get("type")),
          details);
    } catch (RuntimeException e) {
      throw new IOException("line " + lineNumber + " is not an op: " + e.getMessage(), e);
    }
  }
}
