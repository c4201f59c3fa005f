package dev.crashtest.fakes.crm.internal;

import dev.crashtest.fakes.crm.AuditRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/** An audit record as one entry of {@code GET /audit}: the record's fields, the effect as a nested object. */
final class AuditView {
  private AuditView() {}

  static Map<String, Object> of(AuditRecord record) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("seq", record.seq());
    view.put("time", record.time().toString());
    view.put("method", record.method());
    view.put("path", record.path());
    view.put("operation", record.operation());
    view.put("status", record.status());
    view.put("outcome", record.outcome().name());
    view.put("error", record.error());
    view.put("agent", record.agent());
    view.put("actorSource", record.actorSource());
    view.put("user", record.user());
    view.put("scope", record.scope());
    view.put("tokenId", record.tokenId());
    view.put("delegated", record.delegated());
    view.put("idempotencyKey", record.idempotencyKey());
    view.put("replayed", record.replayed());
    view.put("effect", record.effect() == null ? null : effect(record.effect()));
    view.put("fault", record.fault());
    view.put("presenter", record.presenter());
    view.put("reason", record.reason());
    return view;
  }

  private static Map<String, Object> effect(AuditRecord.Effect effect) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("type", effect.type());
    view.put("id", effect.id());
    view.put("accountId", effect.accountId());
    return view;
  }
}
