package dev.crashtest.fakes.crm.internal;

import dev.crashtest.fakes.ServiceEvent.Outcome;
import dev.crashtest.fakes.crm.AuditRecord;
import dev.crashtest.fakes.crm.AuditRecord.Effect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The audit table: one row per request, appended in the same transaction as the request's effect. */
final class AuditLog {
  private static final String COLUMNS = "at_time, method, path, operation, status, outcome, error_code, agent,"
      + " actor_source, user_sub, scope_claim, token_id, delegated, idem_key, replayed, effect_type, effect_id,"
      + " effect_account, fault, presenter, reason, via";

  /** Appends {@code record} (its {@code seq} is ignored) and returns it with the seq it got. */
  AuditRecord append(Connection c, AuditRecord r) throws SQLException {
    String sql = "INSERT INTO audit (" + COLUMNS + ") VALUES (" + "?, ".repeat(21) + "?)";
    try (PreparedStatement insert = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      insert.setObject(1, OffsetDateTime.ofInstant(r.time(), ZoneOffset.UTC));
      insert.setString(2, r.method());
      insert.setString(3, r.path());
      insert.setString(4, r.operation());
      insert.setInt(5, r.status());
      insert.setString(6, r.outcome().name());
      insert.setString(7, r.error());
      insert.setString(8, r.agent());
      insert.setString(9, r.actorSource());
      insert.setString(10, r.user());
      insert.setString(11, r.scope());
      insert.setString(12, r.tokenId());
      insert.setBoolean(13, r.delegated());
      insert.setString(14, r.idempotencyKey());
      insert.setBoolean(15, r.replayed());
      setEffect(insert, r.effect());
      insert.setString(19, r.fault());
      insert.setString(20, r.presenter());
      insert.setString(21, r.reason() == null || r.reason().length() <= 2000 ? r.reason()
          : r.reason().substring(0, 2000));
      insert.setString(22, r.via().isEmpty() ? null : String.join(" ", r.via()));
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return withSeq(r, keys.getLong(1));
      }
    }
  }

  List<AuditRecord> all(Connection c) throws SQLException {
    List<AuditRecord> records = new ArrayList<>();
    try (PreparedStatement query = c.prepareStatement("SELECT seq, " + COLUMNS + " FROM audit ORDER BY seq");
        ResultSet row = query.executeQuery()) {
      while (row.next()) {
        records.add(read(row));
      }
    }
    return records;
  }

  private static void setEffect(PreparedStatement insert, Effect effect) throws SQLException {
    if (effect == null) {
      insert.setNull(16, Types.VARCHAR);
      insert.setNull(17, Types.VARCHAR);
      insert.setNull(18, Types.VARCHAR);
    } else {
      insert.setString(16, effect.type());
      insert.setString(17, effect.id());
      insert.setString(18, effect.accountId());
    }
  }

  private static AuditRecord read(ResultSet row) throws SQLException {
    String effectType = row.getString(17);
    Effect effect = effectType == null ? null : new Effect(effectType, row.getString(18), row.getString(19));
    return new AuditRecord(row.getLong(1), row.getObject(2, OffsetDateTime.class).toInstant(), row.getString(3),
        row.getString(4), row.getString(5), row.getInt(6), Outcome.valueOf(row.getString(7)), row.getString(8),
        row.getString(9), row.getString(10), row.getString(11), row.getString(12), row.getString(13),
        row.getBoolean(14), row.getString(15), row.getBoolean(16), effect, row.getString(20), row.getString(21),
        row.getString(22), row.getString(23) == null ? List.of() : List.of(row.getString(23).split(" ")));
  }

  private static AuditRecord withSeq(AuditRecord r, long seq) {
    return new AuditRecord(seq, r.time(), r.method(), r.path(), r.operation(), r.status(), r.outcome(), r.error(),
        r.agent(), r.actorSource(), r.user(), r.scope(), r.tokenId(), r.delegated(), r.idempotencyKey(),
        r.replayed(), r.effect(), r.fault(), r.presenter(), r.reason(), r.via());
  }
}
