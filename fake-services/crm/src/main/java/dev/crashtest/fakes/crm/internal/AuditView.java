package dev.crashtest.fakes.crm.internal;

import dev.crashtest.fakes.EventVocabulary;
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
    view.put(EventVocabulary.METHOD, record.method());
    view.put(EventVocabulary.PATH, record.path());
    view.put(EventVocabulary.OPERATION, record.operation());
    view.put(EventVocabulary.STATUS, record.status());
    view.put(EventVocabulary.OUTCOME, record.outcome().name());
    view.put(EventVocabulary.ERROR, record.error());
    view.put(EventVocabulary.AGENT, record.agent());
    view.put(EventVocabulary.ACTOR_SOURCE, record.actorSource());
    view.put(EventVocabulary.VIA, record.via());
    view.put(EventVocabulary.USER, record.user());
    view.put(EventVocabulary.SCOPE, record.scope());
    view.put(EventVocabulary.TOKEN_ID, record.tokenId());
    view.put(EventVocabulary.DELEGATED, record.delegated());
    view.put(EventVocabulary.IDEMPOTENCY_KEY, record.idempotencyKey());
    view.put(EventVocabulary.REPLAYED, record.replayed());
    view.put("effect", record.effect() == null ? null : effect(record.effect()));
    view.put(EventVocabulary.FAULT, record.fault());
    view.put(EventVocabulary.PRESENTER, record.presenter());
    view.put(EventVocabulary.REASON, record.reason());
    return view;
  }

  private static Map<String, Object> effect(AuditRecord.Effect effect) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("type", effect.type());
    view.put("id", effect.id());
    view.put(EventVocabulary.ACCOUNT_ID, effect.accountId());
    return view;
  }
}
