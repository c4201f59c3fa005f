package dev.crashtest.check;

import static dev.crashtest.history.Vocabulary.HARNESS;
import static dev.crashtest.history.Vocabulary.KIND;
import static dev.crashtest.history.Vocabulary.SECRET_LEAK;
import static dev.crashtest.history.Vocabulary.SECRET_SCAN;
import static dev.crashtest.history.Vocabulary.WHERE;

import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import java.util.List;
import java.util.Optional;

/**
 * No credential the harness issued (client secret, user token, delegated token) appeared in the agent's output,
 * its logs or the history. The runner scans the files and records a {@code secret_scan} op and one
 * {@code secret_leak} op per finding, naming where and which kind of credential, never the value.
 */
final class SecretHygieneChecker implements Checker {
  @Override
  public String name() {
    return "secret-hygiene";
  }

  @Override
  public CheckResult check(History history) {
    Optional<Op> scan = history.ops().stream().filter(op -> op.is(HARNESS, SECRET_SCAN)).reduce((a, b) -> b);
    List<Op> leaks = history.select(op -> op.is(HARNESS, SECRET_LEAK));
    if (!leaks.isEmpty()) {
      return CheckResult.fail(name(), String.join("; ", leaks.stream().map(leak -> "a " + leak.text(KIND)
              + " issued in this run appeared in " + leak.text(WHERE) + " (op #" + leak.index() + ")").toList())
              + "; never print or log a credential: log its token id (jti) instead",
          leaks.stream().map(Op::index).toList());
    }
    if (scan.isEmpty()) {
      return CheckResult.unknown(name(), "the run's output was not scanned for credentials, so there is nothing"
          + " to judge");
    }
    return CheckResult.pass(name(), "none of the " + scan.get().number("credentials", 0) + " credentials the"
        + " harness issued appeared in " + String.join(", ", scan.get().list("files")));
  }
}
