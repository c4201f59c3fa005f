package dev.crashtest.check;

import dev.crashtest.history.History;
import java.util.List;

/**
 * The checkers Crashtest ships, by name.
 *
 * <pre>{@code
 * List<CheckResult> results = Checks.runAll(Checks.standard(), history);
 * }</pre>
 *
 * <p>Each keeps one failure apart from the others: a <em>lost</em> task, <em>redone</em> work and a
 * <em>duplicated</em> effect are three different findings with three different fixes.
 */
public final class Checks {
  private Checks() {}

  /** The task reached COMPLETED; fails with "lost", "failed" or "did not complete" and why. */
  public static Checker taskCompleted() {
    return new TaskCompletedChecker();
  }

  /** No side effect (an op with {@code effectType}) was committed twice for the same {@code effectKey}. */
  public static Checker exactlyOnceEffects() {
    return new ExactlyOnceEffectsChecker();
  }

  /**
   * After an agent restart, no model call or workload-service call that had completed before the crash is made again.
   */
  public static Checker noWorkRedone() {
    return new NoWorkRedoneChecker();
  }

  /** Every write to a workload service was made with a delegated token naming agent, user and the write's scope. */
  public static Checker delegatedWrites() {
    return new DelegatedWritesChecker();
  }

  /**
   * Attribution: every write to a workload service carries agent, user and scope from a delegated token; a write
   * with the user's own token is named "borrowed credentials", one with a client_credentials token "ghost service
   * account". The same checker as {@link #delegatedWrites()}, reported as {@code delegated-writes}.
   */
  public static Checker attribution() {
    return delegatedWrites();
  }

  /**
   * No successful workload-service call outside the delegated scope: the token held the scope the call needs, the
   * scope was not withdrawn before the call, and the token was the agent's own.
   */
  public static Checker leastPrivilege() {
    return new LeastPrivilegeChecker();
  }

  /** Zero successful workload-service writes after the delegation was revoked; refused attempts are the evidence. */
  public static Checker revocationRespected() {
    return new RevocationRespectedChecker();
  }

  /** No credential the harness issued appears in the agent's output, logs or the history (scanned by the runner). */
  public static Checker secretHygiene() {
    return new SecretHygieneChecker();
  }

  /** The task completed across a signing-key or client-secret rotation, without human help. */
  public static Checker rotationSurvived() {
    return new RotationSurvivedChecker();
  }

  /**
   * The human-approval gate held: no gated effect (flagged {@code needsApproval}) was committed before the harness sent the
   * approval of its task. Fails naming the effect, its op and the missing approval.
   */
  public static Checker approvalGate() {
    return new ApprovalGateChecker();
  }

  /**
   * Every write the model asked for has its committed effect in its service, or the task failed saying so; a tool
   * result no service gave is named with the tool call and its turn.
   */
  public static Checker requestedWrites() {
    return new RequestedWritesChecker();
  }

  /**
   * No MCP tool call of a tool the agent had been told was gone: after {@code notifications/tools/list_changed} on
   * its session the agent lists the tools again before calling one, and calls only tools of its latest listing.
   * Passes, saying so, when MCP was not used.
   */
  public static Checker mcpToolsCurrent() {
    return new McpToolsCurrentChecker();
  }

  /**
   * The checks that hold in every scenario, whatever else it checks: the approval gate, the requested writes and
   * secret hygiene. A scenario that replaces {@link #standard()} keeps these.
   */
  public static List<Checker> always() {
    return List.of(approvalGate(), requestedWrites(), secretHygiene());
  }

  /** {@link #always()} followed by {@code more}: the checks of a scenario that judges something else than completion. */
  public static List<Checker> alwaysAnd(Checker... more) {
    List<Checker> checks = new java.util.ArrayList<>(List.of(more));
    checks.addAll(always());
    return List.copyOf(checks);
  }

  /** The standard checks and least privilege: what every identity scenario expects. */
  public static List<Checker> identity() {
    List<Checker> checks = new java.util.ArrayList<>(standard());
    checks.add(leastPrivilege());
    return List.copyOf(checks);
  }

  /** After a 429 with {@code Retry-After: N}, the agent's next model call waits at least N seconds. */
  public static Checker retryAfterHonoured() {
    return new RetryAfterChecker();
  }

  /** No service is called more than {@code max} times in a row while it keeps failing. */
  public static Checker boundedRetries(int max) {
    return new BoundedRetriesChecker(max);
  }

  /** The task completed, or failed with a reason; it did not hang and was not lost. */
  public static Checker taskEnded() {
    return new TaskEndedChecker();
  }

  /**
   * What a scenario expects by default: the task completed, no effect twice, no work redone, delegated writes, and
   * the checks that hold {@link #always()} (approval gate, requested writes, secret hygiene).
   */
  public static List<Checker> standard() {
    return alwaysAnd(taskCompleted(), exactlyOnceEffects(), noWorkRedone(), delegatedWrites());
  }

  /**
   * Runs one checker; a checker that throws gives UNKNOWN with what it threw, never PASS. That holds for an
   * {@code Error} too ({@code AssertionError}, {@code StackOverflowError}, {@code LinkageError}, ...): a checker's bug
   * is a verdict nobody can trust, not a reason to stop judging the others. Only a {@code VirtualMachineError} other
   * than {@code StackOverflowError} ({@code OutOfMemoryError}, {@code InternalError}) propagates: the JVM itself is in
   * no state to judge anything, and the run must not go on as if it were.
   */
  public static CheckResult run(Checker checker, History history) {
    try {
      CheckResult result = checker.check(history);
      return result != null ? result : CheckResult.unknown(nameOf(checker), "the checker returned no result");
    } catch (StackOverflowError e) {
      return crashed(checker, e);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Exception | Error e) {
      return crashed(checker, e);
    }
  }

  private static CheckResult crashed(Checker checker, Throwable e) {
    return CheckResult.unknown(nameOf(checker), "the checker crashed: " + e);
  }

  /** The checker's name; a checker whose name() throws too goes by its class. */
  private static String nameOf(Checker checker) {
    try {
      return checker.name();
    } catch (RuntimeException | Error e) {
      return checker.getClass().getName();
    }
  }

  public static List<CheckResult> runAll(List<Checker> checkers, History history) {
    return checkers.stream().map(checker -> run(checker, history)).toList();
  }
}
