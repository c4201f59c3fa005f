package dev.crashtest.scenario;

import static dev.crashtest.history.Vocabulary.KIND;
import static dev.crashtest.history.Vocabulary.RUNNER;
import static dev.crashtest.history.Vocabulary.SECRET_LEAK;
import static dev.crashtest.history.Vocabulary.SECRET_SCAN;
import static dev.crashtest.history.Vocabulary.WHERE;

import dev.crashtest.history.OpType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The credentials the harness issued in one run (client secrets it wrote, user tokens it handed over), and the scan
 * that looks for them, and for any other signed token (JWT), where they must never appear. Findings go into the
 * history as {@code secret_leak} ops naming the file and the kind of credential, never the value.
 *
 * <pre>{@code
 * credentials.add("client secret", secret);
 * credentials.scan(directory, List.of("agent.log", "history.jsonl"), run);
 * }</pre>
 */
final class IssuedCredentials {
  static final String CLIENT_SECRET = "client secret";
  static final String USER_TOKEN = "user token";
  /** A bearer token the harness did not hand over itself: one the agent got from the identity provider. */
  static final String ACCESS_TOKEN = "delegated or service token";
  private static final java.util.regex.Pattern JWT =
      java.util.regex.Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}");
  static final List<String> SCANNED_FILES =
      List.of("agent.log", "agent-standby.log", "platform.log", "history.jsonl");

  private final Map<String, String> kindByValue = new LinkedHashMap<>();

  synchronized void add(String kind, String value) {
    if (value != null && !value.isBlank()) {
      kindByValue.putIfAbsent(value, kind);
    }
  }

  /** Searches each file of {@code names} that exists under {@code directory}; records one op per finding. */
  synchronized void scan(Path directory, List<String> names, RunContext run) {
    List<String> scanned = new ArrayList<>();
    List<Map<String, Object>> leaks = new ArrayList<>();
    for (String name : names) {
      Path file = directory.resolve(name);
      if (!Files.isRegularFile(file)) {
        continue;
      }
      scanned.add(describe(name));
      String text = read(file);
      kindByValue.forEach((value, kind) -> {
        if (text.contains(value)) {
          leaks.add(Map.of(WHERE, describe(name), KIND, kind));
        }
      });
      // tokens the agent obtained itself (delegated, client_credentials): the provider offers no list, so any JWT
      // that is not one of ours counts
      boolean otherToken = JWT.matcher(text).results().anyMatch(match -> !kindByValue.containsKey(match.group()));
      if (otherToken) {
        leaks.add(Map.of(WHERE, describe(name), KIND, ACCESS_TOKEN));
      }
    }
    run.record(RUNNER, SECRET_SCAN, OpType.INFO, Map.of("credentials", kindByValue.size(), "files", scanned));
    leaks.forEach(leak -> run.record(RUNNER, SECRET_LEAK, OpType.FAIL, leak));
  }

  private static String describe(String name) {
    return name.equals("history.jsonl") ? "the history [" + name + "]" : "the agent's output [" + name + "]";
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read [" + file + "] to scan it for credentials: " + e.getMessage(), e);
    }
  }
}
