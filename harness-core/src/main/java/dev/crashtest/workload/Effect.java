package dev.crashtest.workload;

import java.util.Optional;

/**
 * The side effect a write tool has, as the workload declares it: its type, the response field that holds its id,
 * the request field that says what it is about (exactly-once is judged per type and key), and whether a human must
 * approve it first (always, or above a number in a request field).
 *
 * <pre>{@code
 * effect: {type: refund, id: refundId, key: orderId, approval-above: {field: amount, value: 100}}
 * }</pre>
 */
public record Effect(String type, String idField, String keyField, boolean alwaysNeedsApproval,
    Optional<String> approvalField, double approvalAbove) {

  /** Whether this effect, made with {@code amount} in its approval field, needs approval first. */
  public boolean needsApproval(Double amount) {
    return alwaysNeedsApproval || approvalField.isPresent() && amount != null && amount > approvalAbove;
  }
}
