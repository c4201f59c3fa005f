package dev.crashtest.check;

import static dev.crashtest.history.Vocabulary.EFFECT_ID;
import static dev.crashtest.history.Vocabulary.EFFECT_KEY;
import static dev.crashtest.history.Vocabulary.EFFECT_TYPE;
import static dev.crashtest.history.Vocabulary.REPLAYED;

import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Each side effect a workload service committed (an op with {@code effectType}: the CRM's quote, order and note, a
 * refund, a mail) happened once per what it is about ({@code effectKey}: the account of an order, the order of a
 * refund), not twice. A replayed answer to a repeated idempotency key is not a new effect.
 */
final class ExactlyOnceEffectsChecker implements Checker {

  @Override
  public String name() {
    return "exactly-once-effects";
  }

  @Override
  public CheckResult check(History history) {
    Map<String, List<Op>> effects = new LinkedHashMap<>();
    for (Op op : history.ops()) {
      if (isEffect(op)) {
        effects.computeIfAbsent(describe(op), k -> new ArrayList<>()).add(op);
      }
    }
    List<String> duplicates = new ArrayList<>();
    List<Long> evidence = new ArrayList<>();
    effects.forEach((key, ops) -> {
      if (ops.size() > 1) {
        duplicates.add(ops.size() + " × " + key + " (" + ids(ops) + ")");
        ops.forEach(op -> evidence.add(op.index()));
      }
    });
    if (!duplicates.isEmpty()) {
      return CheckResult.fail(
          name(),
          "effect duplicated: "
              + String.join("; ", duplicates)
              + "; send the same Idempotency-Key when repeating a write",
          evidence);
    }
    if (effects.isEmpty()) {
      return CheckResult.pass(name(), "no side effects were made");
    }
    return CheckResult.pass(name(), "each side effect happened once: " + String.join(", ", effects.keySet()));
  }

  private static boolean isEffect(Op op) {
    return WorkloadServices.isWorkloadService(op.service()) && op.type() == OpType.OK && op.text(EFFECT_TYPE) != null
        && !op.flag(REPLAYED);
  }

  /** What the effect is, per service, type and key: {@code order for [ACME-001] in the CRM}. */
  private static String describe(Op effect) {
    String key = effect.text(EFFECT_KEY);
    return effect.text(EFFECT_TYPE) + (key == null ? "" : " for [" + key + "]") + " in "
        + WorkloadServices.the(effect.service());
  }

  private static String ids(List<Op> ops) {
    return ops.stream().map(op -> op.text(EFFECT_ID) + " at op #" + op.index()).collect(Collectors.joining(", "));
  }
}
