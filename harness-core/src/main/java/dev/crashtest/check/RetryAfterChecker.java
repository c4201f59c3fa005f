package dev.crashtest.check;

import static dev.crashtest.history.Vocabulary.CHAT_COMPLETION;
import static dev.crashtest.history.Vocabulary.MODEL;

import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import java.util.ArrayList;
import java.util.List;

/** After a 429 that says {@code Retry-After: N}, the agent's next model call waits at least N seconds. */
final class RetryAfterChecker implements Checker {
  /** Clocks and schedulers are not exact: a call this much early still counts as waiting. */
  static final long TOLERANCE_MILLIS = 100;

  @Override
  public String name() {
    return "retry-after-honoured";
  }

  @Override
  public CheckResult check(History history) {
    List<Op> calls = history.select(op -> op.is(MODEL, CHAT_COMPLETION));
    List<String> early = new ArrayList<>();
    List<Long> evidence = new ArrayList<>();
    int throttled = 0;
    for (int i = 0; i < calls.size() - 1; i++) {
      Op answer = calls.get(i);
      long retryAfter = answer.number("retryAfterSeconds", -1);
      if (answer.type() != OpType.FAIL || answer.number("status", 0) != 429 || retryAfter < 0) {
        continue;
      }
      throttled++;
      Op next = calls.get(i + 1);
      long waited = next.timeMillis() - answer.timeMillis();
      if (waited + TOLERANCE_MILLIS < retryAfter * 1000) {
        early.add("op #" + next.index() + " came " + waited + " ms after a 429 asking for " + retryAfter
            + " s (op #" + answer.index() + ")");
        evidence.add(answer.index());
        evidence.add(next.index());
      }
    }
    if (!early.isEmpty()) {
      return CheckResult.fail(name(), "the agent ignored Retry-After: " + String.join("; ", early)
          + "; wait at least Retry-After seconds before calling again", evidence);
    }
    return CheckResult.pass(name(), throttled == 0
        ? "the model never answered 429"
        : "the agent waited as asked after all " + throttled + " answer(s) 429");
  }
}
