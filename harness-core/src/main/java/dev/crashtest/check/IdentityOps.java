package dev.crashtest.check;

import static dev.crashtest.history.Vocabulary.DELEGATION_REVOKED;
import static dev.crashtest.history.Vocabulary.FAULT;
import static dev.crashtest.history.Vocabulary.FAULT_INJECTED;
import static dev.crashtest.history.Vocabulary.HARNESS;
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
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the identity checkers find what they judge in a history. A revocation, a withdrawn scope or a rotation is
 * either an op of its own name (any service may record one) or a {@code fault_injected} op whose fault names it.
 *
 * <p>The scope a call needs is the one the workload declares for its tool ({@code toolScopes} of the submission);
 * a call no tool declares needs {@code <service>.write} to write and {@code <service>.read} to read
 * ({@code crm.write}, {@code crm.read}).
 */
final class IdentityOps {
  /** A scope as a fault names it: {@code service.verb}, e.g. {@code crm.write} or {@code mail.send}. */
  private static final Pattern SCOPE_NAME = Pattern.compile("[a-z][a-z0-9_-]*\\.[a-z_.]+");

  private IdentityOps() {}

  static boolean isWrite(Op op) {
    return WorkloadServices.isWrite(op);
  }

  static boolean succeeded(Op op) {
    return op.type() == OpType.OK;
  }

  /** The scope {@code call} needs: its tool's declared scope, else {@code <service>.write} or {@code .read}. */
  static String requiredScope(Op call, Map<String, String> toolScopes) {
    String declared = toolScopes.get(call.operation());
    if (declared != null) {
      return declared;
    }
    return call.service() + (isWrite(call) ? ".write" : ".read");
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

  /**
   * The scope a withdrawal names: its {@code scope} detail, else the first {@code service.verb} in its fault text
   * ({@code withdraw scope [crm.write]}), else none.
   */
  static Optional<String> withdrawnScope(Op withdrawal) {
    if (withdrawal.text(SCOPE) != null) {
      return Optional.of(withdrawal.text(SCOPE));
    }
    Matcher matcher = SCOPE_NAME.matcher(String.valueOf(withdrawal.text(FAULT)));
    return matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
  }

  /** Whether {@code scope} was withdrawn before op {@code index}. */
  static boolean withdrawnBefore(List<Op> withdrawals, String scope, long index) {
    return withdrawals.stream().anyMatch(w -> w.index() < index && withdrawnScope(w).filter(scope::equals).isPresent());
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
