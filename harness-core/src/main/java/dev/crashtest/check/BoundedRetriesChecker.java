package dev.crashtest.check;

import static dev.crashtest.history.Vocabulary.CRM;
import static dev.crashtest.history.Vocabulary.IDENTITY;
import static dev.crashtest.history.Vocabulary.MODEL;

import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** No service is called more than {@code max} times in a row after failures: retries are capped. */
final class BoundedRetriesChecker implements Checker {
  private static final Set<String> SERVICES = Set.of(MODEL, CRM, IDENTITY);
  private final int max;

  BoundedRetriesChecker(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("boundedRetries needs max >= 1, got [" + max + "]");
    }
    this.max = max;
  }

  @Override
  public String name() {
    return "bounded-retries";
  }

  @Override
  public java.util.OptionalInt argument() {
    return java.util.OptionalInt.of(max);
  }

  @Override
  public CheckResult check(History history) {
    Map<String, List<Op>> failuresInARow = new HashMap<>();
    List<Op> worst = List.of();
    for (Op op : history.ops()) {
      if (!SERVICES.contains(op.service()) || op.actor().equals("harness")) {
        continue;
      }
      List<Op> run = failuresInARow.computeIfAbsent(op.service(), s -> new ArrayList<>());
      if (op.type() == OpType.FAIL) {
        run.add(op);
        if (run.size() > worst.size()) {
          worst = List.copyOf(run);
        }
      } else {
        run.clear();
      }
    }
    int retries = Math.max(0, worst.size() - 1);
    if (retries > max) {
      Op first = worst.get(0);
      return CheckResult.fail(name(), "the agent called the " + first.service() + " " + worst.size()
          + " times in a row while it failed (" + retries + " retries, from op #" + first.index()
          + "); cap retries at " + max + " and back off", worst.stream().map(Op::index).toList());
    }
    return CheckResult.pass(name(), "at most " + retries + " retries in a row (cap " + max + ")");
  }
}
