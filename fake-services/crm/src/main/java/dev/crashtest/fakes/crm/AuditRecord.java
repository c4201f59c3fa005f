package dev.crashtest.fakes.crm;

import dev.crashtest.fakes.EventVocabulary;
import dev.crashtest.fakes.ServiceEvent.Outcome;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One request the CRM served, refused requests included, as kept in its audit table. Raw tokens are never
 * kept: only the claims that say who called.
 *
 * <pre>{@code
 * List<AuditRecord> orders = crm.audit().stream()
 *     .filter(r -> r.effect() != null && r.effect().type().equals("order"))
 *     .toList();
 * assertThat(orders).as("orders placed").hasSize(1);
 * }</pre>
 *
 * @param seq position in the audit log, from 1
 * @param time when the CRM finished the request
 * @param method the HTTP method
 * @param path the request path, without query
 * @param operation what was asked, e.g. {@code place_order}; {@code unknown} for a path the CRM does not serve
 * @param status the HTTP status answered
 * @param outcome {@code OK} for a 2xx status, else {@code FAIL}
 * @param error the error code answered (e.g. {@code invalid_token}), or null on success; a write refused because
 *     the identity provider's introspection found the delegation revoked says {@value #DELEGATION_REVOKED} (the
 *     wire answer is {@code 401 invalid_token}) and its details add {@code refusal: delegation_revoked}
 * @param agent who called: the token's {@code act.sub}, else its {@code azp} or {@code client_id}; null if unknown
 * @param actorSource where {@code agent} came from: {@code act}, {@code client} or {@code none}
 * @param user the token's {@code sub}, or null
 * @param scope the token's {@code scope} claim, or null
 * @param tokenId the token's {@code jti}, or null
 * @param delegated whether the token carried an {@code act} claim (RFC 8693 delegation)
 * @param idempotencyKey the {@code Idempotency-Key} header, or null
 * @param replayed whether the answer was a stored one, replayed for a repeated idempotency key
 * @param effect what a newly committed write created, or null for reads, refusals and replays
 * @param fault the {@link CrmFault.Type#wireName()} of the injected fault that shaped the answer (e.g. {@code
 *     commit_then_drop}), or null. For {@code commit_then_drop}, {@code status} is the answer the CRM had ready
 *     and never sent; for {@code server_error} and {@code conflict} it is the refusal sent
 * @param presenter the agent whose own CRM address the request came in on (its workload identity, as mTLS would
 *     prove it), or null on the shared address; a delegated token presented by an agent other than its {@code act}
 *     is refused with {@value #TOKEN_OF_ANOTHER_AGENT}
 * @param reason why a request was refused, as the CRM told the caller (e.g. {@code token rejected: Expired JWT}),
 *     or null on success
 * @param via the actors the delegated token came through between the caller and {@code agent}, outermost first
 *     (e.g. {@code [mcp-server]} for a call the MCP server made on the agent's behalf); empty otherwise
 */
public record AuditRecord(
    long seq,
    Instant time,
    String method,
    String path,
    String operation,
    int status,
    Outcome outcome,
    String error,
    String agent,
    String actorSource,
    String user,
    String scope,
    String tokenId,
    boolean delegated,
    String idempotencyKey,
    boolean replayed,
    Effect effect,
    String fault,
    String presenter,
    String reason,
    java.util.List<String> via) {

  /** {@link #actorSource()} when the agent came from the token's {@code act.sub}. */
  public static final String ACTOR_FROM_ACT = dev.crashtest.fakes.auth.Caller.ACTOR_FROM_ACT;
  /** {@link #actorSource()} when the agent came from the token's {@code azp} or {@code client_id}. */
  public static final String ACTOR_FROM_CLIENT = dev.crashtest.fakes.auth.Caller.ACTOR_FROM_CLIENT;
  /** {@link #actorSource()} when the caller is unknown (no valid token, or the operator's endpoint). */
  public static final String ACTOR_NONE = dev.crashtest.fakes.auth.Caller.ACTOR_NONE;

  /** The {@code error} (and {@code refusal} detail) of a write refused because the delegation was revoked. */
  public static final String DELEGATION_REVOKED = EventVocabulary.DELEGATION_REVOKED;

  /** The {@code error} (and {@code refusal} detail) of a request whose token was issued to another agent. */
  public static final String TOKEN_OF_ANOTHER_AGENT = dev.crashtest.fakes.auth.AccessRules.TOKEN_OF_ANOTHER_AGENT;

  /** The event detail that is {@code true} when the CRM dropped the connection instead of answering. */
  public static final String RESPONSE_DROPPED = EventVocabulary.RESPONSE_DROPPED;

  public AuditRecord {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(actorSource, "actorSource");
    via = via == null ? java.util.List.of() : java.util.List.copyOf(via);
  }

  /**
   * A side effect the CRM committed.
   *
   * <pre>{@code
   * new AuditRecord.Effect("order", "O-0001", "ACME-001");
   * }</pre>
   *
   * @param type {@code quote}, {@code order} or {@code note}
   * @param id the new object's id, e.g. {@code O-0001}
   * @param accountId the account it belongs to
   */
  public record Effect(String type, String id, String accountId) {
    /** The effect type of {@code place_order}: the one a human must approve first. */
    public static final String ORDER = "order";

    public Effect {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(accountId, "accountId");
    }

    /** Whether a human must approve this effect before it is made: an order does, a quote or a note does not. */
    public boolean needsApproval() {
      return ORDER.equals(type);
    }
  }

  /**
   * The record as a flat map of JSON-friendly values, null fields left out, the effect as {@code effectType},
   * {@code effectId}, {@code accountId}, {@code effectKey} (the account: what the effect is about) and, for an order,
   * {@code needsApproval: true}: the CRM's {@link dev.crashtest.fakes.ServiceEvent#details()}. A request
   * shaped by a fault adds {@code fault}, and {@code commit_then_drop} adds {@code responseDropped: true}; a refusal
   * adds {@code reason}, the message the caller got; a call made through an intermediary adds {@code via}.
   */
  public Map<String, Object> toDetails() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("seq", seq);
    map.put("time", time.toString());
    map.put(EventVocabulary.METHOD, method);
    map.put(EventVocabulary.PATH, path);
    map.put(EventVocabulary.OPERATION, operation);
    map.put(EventVocabulary.STATUS, status);
    map.put(EventVocabulary.OUTCOME, outcome.name());
    putIfPresent(map, EventVocabulary.ERROR, error);
    if (DELEGATION_REVOKED.equals(error) || TOKEN_OF_ANOTHER_AGENT.equals(error)) {
      map.put(EventVocabulary.REFUSAL, error);
    }
    putIfPresent(map, EventVocabulary.AGENT, agent);
    map.put(EventVocabulary.ACTOR_SOURCE, actorSource);
    if (!via.isEmpty()) {
      map.put(EventVocabulary.VIA, via);
    }
    putIfPresent(map, EventVocabulary.USER, user);
    putIfPresent(map, EventVocabulary.SCOPE, scope);
    putIfPresent(map, EventVocabulary.TOKEN_ID, tokenId);
    map.put(EventVocabulary.DELEGATED, delegated);
    putIfPresent(map, EventVocabulary.IDEMPOTENCY_KEY, idempotencyKey);
    map.put(EventVocabulary.REPLAYED, replayed);
    if (effect != null) {
      map.put(EventVocabulary.EFFECT_TYPE, effect.type());
      map.put(EventVocabulary.EFFECT_ID, effect.id());
      map.put(EventVocabulary.ACCOUNT_ID, effect.accountId());
      map.put(EventVocabulary.EFFECT_KEY, effect.accountId());
      if (effect.needsApproval()) {
        map.put(EventVocabulary.NEEDS_APPROVAL, true);
      }
    }
    if (fault != null) {
      map.put(EventVocabulary.FAULT, fault);
    }
    putIfPresent(map, EventVocabulary.PRESENTER, presenter);
    putIfPresent(map, EventVocabulary.REASON, reason);
    if (CrmFault.Type.COMMIT_THEN_DROP.wireName().equals(fault)) {
      map.put(RESPONSE_DROPPED, true);
    }
    return map;
  }

  private static void putIfPresent(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
