package dev.crashtest.fakes.stub.internal;

import dev.crashtest.fakes.EventVocabulary;
import dev.crashtest.fakes.ServiceEvent;
import dev.crashtest.fakes.ServiceEvent.Outcome;
import dev.crashtest.fakes.auth.AccessRules;
import dev.crashtest.fakes.auth.Caller;
import dev.crashtest.fakes.stub.StubFault;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the stub service served, refusals included: the answer, who called, the fault that took it (or null)
 * and the effect details it committed (empty for none), and the {@link ServiceEvent} that says so, with the CRM's
 * detail names ({@link EventVocabulary}).
 */
record Served(StubRequest request, String operation, Caller caller, StubAnswer answer, StubFault fault,
    Map<String, Object> effect) {

  /** The operation of a request that matches no declared tool. */
  static final String UNKNOWN = "unknown";

  ServiceEvent toEvent() {
    Outcome outcome = answer.isSuccess() ? Outcome.OK : Outcome.FAIL;
    Instant time = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("time", time.toString());
    details.put(EventVocabulary.METHOD, request.method());
    details.put(EventVocabulary.PATH, request.path());
    details.put(EventVocabulary.OPERATION, operation);
    details.put(EventVocabulary.STATUS, answer.status());
    details.put(EventVocabulary.OUTCOME, outcome.name());
    String error = answer.eventError();
    putIfPresent(details, EventVocabulary.ERROR, error);
    if (AccessRules.isRefusal(error)) {
      details.put(EventVocabulary.REFUSAL, error);
    }
    putIfPresent(details, EventVocabulary.AGENT, caller.agent());
    details.put(EventVocabulary.ACTOR_SOURCE, caller.actorSource());
    if (!caller.via().isEmpty()) {
      details.put(EventVocabulary.VIA, caller.via());
    }
    putIfPresent(details, EventVocabulary.USER, caller.user());
    putIfPresent(details, EventVocabulary.SCOPE, caller.scope());
    putIfPresent(details, EventVocabulary.TOKEN_ID, caller.tokenId());
    details.put(EventVocabulary.DELEGATED, caller.delegated());
    putIfPresent(details, EventVocabulary.IDEMPOTENCY_KEY, request.idempotencyKey());
    details.put(EventVocabulary.REPLAYED, answer.replayed());
    details.putAll(effect);
    if (fault != null) {
      details.put(EventVocabulary.FAULT, fault.type().wireName());
    }
    putIfPresent(details, EventVocabulary.PRESENTER, request.presenter());
    putIfPresent(details, EventVocabulary.REASON, answer.reason());
    if (fault != null && fault.type() == StubFault.Type.COMMIT_THEN_DROP || answer.stubFault() != null) {
      details.put(EventVocabulary.RESPONSE_DROPPED, true);
    }
    return new ServiceEvent(time, request.service(), caller.agent(), operation, outcome, details);
  }

  private static void putIfPresent(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
