package dev.crashtest.check;

import static dev.crashtest.history.Vocabulary.CRM;
import static dev.crashtest.history.Vocabulary.DELEGATION_REVOKED;
import static dev.crashtest.history.Vocabulary.FAULT;
import static dev.crashtest.history.Vocabulary.FAULT_INJECTED;
import static dev.crashtest.history.Vocabulary.HARNESS;
import static dev.crashtest.history.Vocabulary.METHOD;
import static dev.crashtest.history.Vocabulary.SCOPE;
import static dev.crashtest.history.Vocabulary.REVOKE_DELEGATION;
import static dev.crashtest.history.Vocabulary.SCOPE_WITHDRAWN;
import static dev.crashtest.history.Vocabulary.WITHDRAW_SCOPE;

import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the identity checkers find what they judge in a history. A revocation, a withdrawn scope or a rotation is
 * either an op of its own name (any service may record one) or a {@code fault_injected} op whose fault names it.
 */
final class IdentityOps {
  static final String READ_SCOPE = "crm.read";
  static final String WRITE_SCOPE = "crm.write";
  private static final Pattern SCOPE_NAME = Pattern.compile("crm\\.[a-z_.]+");

  private IdentityOps() {}

  static boolean isWrite(Op op) {
    return op.service().equals(CRM) && "POST".equals(op.text(METHOD));
  }

  static boolean succeeded(Op op) {
    return op.type() == OpType.OK;
  }

  static String requiredScope(Op op) {
    return isWrite(op) ? WRITE_SCOPE : READ_SCOPE;
  }

  static List<String> scopes(Op op) {
    String scope = op.text(SCOPE);
    return scope == null || scope.isBlank() ? List.of() : Arrays.asList(scope.trim().split("\\s+"));
  }

  static Optional<Op> revocation(History history) {
    return history.ops().stream()
        .filter(op -> op.operation().equals(DELEGATION_REVOKED) || op.operation().equals(REVOKE_DELEGATION)
            || injectedFaultMentions(op, "revok"))
        .findFirst();
  }

  static List<Op> scopeWithdrawals(History history) {
    return history.select(op -> op.operation().equals(SCOPE_WITHDRAWN) || op.operation().equals(WITHDRAW_SCOPE)
        || injectedFaultMentions(op, "withdraw"));
  }

  /** The scope a withdrawal names: its {@code scope} detail, else the first {@code crm.*} in its fault text. */
  static String withdrawnScope(Op withdrawal) {
    if (withdrawal.text(SCOPE) != null) {
      return withdrawal.text(SCOPE);
    }
    Matcher matcher = SCOPE_NAME.matcher(String.valueOf(withdrawal.text(FAULT)));
    return matcher.find() ? matcher.group() : WRITE_SCOPE;
  }

  static List<Op> rotations(History history) {
    return history.select(op -> injectedFaultMentions(op, "rotat"));
  }

  private static boolean injectedFaultMentions(Op op, String word) {
    return op.is(HARNESS, FAULT_INJECTED) && op.text(FAULT) != null
        && op.text(FAULT).toLowerCase(Locale.ROOT).contains(word);
  }

  static String at(Op op) {
    return "[" + op.operation() + "] at op #" + op.index();
  }
}
