package dev.crashtest.fakes.crm.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The stored answers of successful POSTs, by {@code Idempotency-Key}. The key is the table's primary key, so two
 * transactions can never both store an answer for it.
 */
final class IdempotencyRecords {

  /** A stored answer and the fingerprint of the request that produced it. */
  record Stored(String fingerprint, int status, String body) {}

  Optional<Stored> find(Connection c, String key) throws SQLException {
    try (PreparedStatement query =
        c.prepareStatement("SELECT fingerprint, status, body FROM idempotency WHERE idem_key = ?")) {
      query.setString(1, key);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? Optional.of(new Stored(row.getString(1), row.getInt(2), row.getString(3)))
            : Optional.empty();
      }
    }
  }

  void save(Connection c, String key, String fingerprint, Response response) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO idempotency (idem_key, fingerprint, status, body) VALUES (?, ?, ?, ?)")) {
      insert.setString(1, key);
      insert.setString(2, fingerprint);
      insert.setInt(3, response.status());
      insert.setString(4, response.body());
      insert.executeUpdate();
    }
  }

  /**
   * What makes two requests "the same": method, path and body, the body compared as JSON (key order and
   * whitespace do not matter).
   */
  static String fingerprint(String method, String path, byte[] body) {
    String canonical = method + " " + path + "\n" + Json.canonical(body);
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }
}
