package dev.crashtest.fakes.stub;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A side effect a write operation commits, as a workload declares it: what it is, where its id is in the answer,
 * what it is about in the request, and whether a human must approve it first. Immutable; {@code with*} return copies.
 *
 * <pre>{@code
 * Effect refund = Effect.declared("refund", "refundId", "orderId").withApprovalAbove("amount", new BigDecimal("100"));
 * // POST /refunds {"orderId":"ORD-1","amount":480} answered {"refundId":"R-7"}
 * //   -> event effectType=refund, effectId=R-7, effectKey=ORD-1, needsApproval=true
 * }</pre>
 *
 * <p>Fields are names of top-level JSON fields, or dotted paths ({@code refund.id}) into nested objects.
 */
public final class Effect {
  private final String type;
  private final String idField;
  private final String keyField;
  private final boolean alwaysApproval;
  private final String approvalField;
  private final BigDecimal approvalAbove;

  private Effect(String type, String idField, String keyField, boolean alwaysApproval, String approvalField,
      BigDecimal approvalAbove) {
    this.type = type;
    this.idField = idField;
    this.keyField = keyField;
    this.alwaysApproval = alwaysApproval;
    this.approvalField = approvalField;
    this.approvalAbove = approvalAbove;
  }

  /**
   * An effect of {@code type} (e.g. {@code refund}) whose id is the answer's field {@code idField} and which is about
   * the request's field {@code keyField}; no approval needed.
   */
  public static Effect declared(String type, String idField, String keyField) {
    return new Effect(required(type, "type"), required(idField, "id"), required(keyField, "key"), false, null, null);
  }

  /** The same effect, always needing a human's approval first. */
  public Effect withApproval() {
    return new Effect(type, idField, keyField, true, null, null);
  }

  /** The same effect, needing approval when the request's number {@code field} is above {@code value}. */
  public Effect withApprovalAbove(String field, BigDecimal value) {
    return new Effect(type, idField, keyField, false, required(field, "approval-above.field"),
        Objects.requireNonNull(value, "value"));
  }

  public String type() {
    return type;
  }

  /** The answer's field that holds the effect's id, e.g. {@code refundId}. */
  public String idField() {
    return idField;
  }

  /** The request's field that says what the effect is about, e.g. {@code orderId}. */
  public String keyField() {
    return keyField;
  }

  /** Whether every such effect needs approval. */
  public boolean alwaysNeedsApproval() {
    return alwaysApproval;
  }

  /** The request's field compared with {@link #approvalAbove()}, if approval depends on an amount. */
  public Optional<String> approvalField() {
    return Optional.ofNullable(approvalField);
  }

  /** Above this value of {@link #approvalField()} the effect needs approval. */
  public Optional<BigDecimal> approvalAbove() {
    return Optional.ofNullable(approvalAbove);
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("stub-service: effect [" + field + "] must not be blank, e.g. "
          + "Effect.declared(\"refund\", \"refundId\", \"orderId\")");
    }
    return value;
  }

  @Override
  public String toString() {
    String approval = alwaysApproval ? ", approval" : approvalField == null ? ""
        : ", approval above " + approvalField + " " + approvalAbove.toPlainString();
    return "Effect[" + type + ", id " + idField + ", key " + keyField + approval + "]";
  }
}
