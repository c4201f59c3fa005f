package dev.crashtest.fakes.stub.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stored answers of successful writes, by service and {@code Idempotency-Key}: in memory, and one JSON line per
 * answer in {@value #FILE} of the data directory, written and synced before the answer leaves, so a restart on the
 * same directory replays them too. A last line cut short by a crash is ignored.
 *
 * <pre>{@code
 * IdempotencyJournal journal = IdempotencyJournal.open(dataDir);
 * journal.find("refunds", "task-1/2/create_refund");   // Optional[Stored]
 * }</pre>
 */
final class IdempotencyJournal implements AutoCloseable {
  static final String FILE = "idempotency.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** A stored answer and the fingerprint of the request that produced it. */
  record Stored(String fingerprint, int status, String contentType, byte[] body) {}

  private final Map<String, Stored> answers = new ConcurrentHashMap<>();
  private final FileOutputStream out;

  private IdempotencyJournal(FileOutputStream out) {
    this.out = out;
  }

  static IdempotencyJournal open(Path dataDirectory) {
    Path file = dataDirectory.resolve(FILE);
    try {
      Files.createDirectories(dataDirectory);
      IdempotencyJournal journal = new IdempotencyJournal(new FileOutputStream(file.toFile(), true));
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          journal.replayLine(line);
        }
      }
      return journal;
    } catch (IOException e) {
      throw new UncheckedIOException("stub-service: cannot open [" + file + "]; check the data directory", e);
    }
  }

  private void replayLine(String line) {
    if (line.isBlank()) {
      return;
    }
    try {
      JsonNode node = JSON.readTree(line);
      answers.put(id(node.path("service").asText(), node.path("key").asText()), new Stored(
          node.path("fingerprint").asText(), node.path("status").asInt(),
          node.path("contentType").isNull() ? null : node.path("contentType").asText(null),
          Base64.getDecoder().decode(node.path("body").asText())));
    } catch (IOException | IllegalArgumentException cutShort) {
      System.err.println("stub-service: ignoring an unreadable line of " + FILE + " (cut short by a crash?)");
    }
  }

  Optional<Stored> find(String service, String key) {
    return Optional.ofNullable(answers.get(id(service, key)));
  }

  /** Stores {@code answer} for the key, on disk first. Callers hold the write lock. */
  void save(String service, String key, String fingerprint, StubAnswer answer) {
    ObjectNode line = JSON.createObjectNode();
    line.put("service", service);
    line.put("key", key);
    line.put("fingerprint", fingerprint);
    line.put("status", answer.status());
    line.put("contentType", answer.contentType());
    line.put("body", Base64.getEncoder().encodeToString(answer.body()));
    try {
      out.write((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      out.getFD().sync();
    } catch (IOException e) {
      throw new UncheckedIOException("stub-service: cannot append to " + FILE, e);
    }
    answers.put(id(service, key),
        new Stored(fingerprint, answer.status(), answer.contentType(), answer.body()));
  }

  /**
   * What makes two requests "the same": method, path and body, the body compared as JSON (key order and whitespace
   * do not matter).
   */
  static String fingerprint(String method, String path, byte[] body) {
    String canonical = method + " " + path + "\n" + canonical(body);
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  private static String canonical(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node == null ? "" : CANONICAL.writeValueAsString(JSON.treeToValue(node, Object.class));
    } catch (IOException notJson) {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private static String id(String service, String key) {
    return service + "\n" + key;
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      System.err.println("stub-service: cannot close " + FILE + ": " + e.getMessage());
    }
  }
}
