package dev.crashtest.catalogue;

import static dev.crashtest.env.Service.CRM;
import static dev.crashtest.env.Service.MODEL;
import static dev.crashtest.env.Service.PLATFORM;
import static dev.crashtest.scenario.Faults.commitThenDropResponse;
import static dev.crashtest.scenario.Faults.disconnectAgent;
import static dev.crashtest.scenario.Faults.identity;
import static dev.crashtest.scenario.Faults.killAgent;
import static dev.crashtest.scenario.Faults.killPlatform;
import static dev.crashtest.scenario.Faults.pauseAgent;
import static dev.crashtest.scenario.Faults.revokeDelegation;
import static dev.crashtest.scenario.Faults.rotateSigningKey;
import static dev.crashtest.scenario.Faults.shortTokenLifetime;
import static dev.crashtest.scenario.Faults.withdrawScope;
import static dev.crashtest.scenario.Faults.rotateAgentSecret;
import static dev.crashtest.scenario.Faults.latency;
import static dev.crashtest.scenario.Faults.model;
import static dev.crashtest.scenario.Faults.outage;
import static dev.crashtest.scenario.Triggers.agentEnters;
import static dev.crashtest.scenario.Triggers.crmCommitted;
import static dev.crashtest.scenario.Triggers.taskAwaitsApproval;

import dev.crashtest.check.Checker;
import dev.crashtest.check.Checks;
import dev.crashtest.fakes.identity.IdentityFault;
import dev.crashtest.fakes.mcp.McpFault;
import dev.crashtest.fakes.model.ModelFault;
import dev.crashtest.scenario.Faults;
import dev.crashtest.scenario.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The built-in scenarios as they were written in the Java DSL before they became files: the reference the files are
 * pinned to (CatalogueFilesTest), and an example of the DSL a JUnit user writes.
 *
 * <pre>{@code
 * Scenario scenario = Catalogue.named("crash-after-place-order").orElseThrow();
 * }</pre>
 */
final class CatalogueInJava {
  static final Duration RESTART_DELAY = Duration.ofMillis(200);
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** The agent that hands work over in [cross-agent-token]. */
  static final String UPSTREAM_AGENT = "orchestrator-agent";
  static final int MAX_RETRIES = 5;
  static final Duration SHORT_TOKEN = Duration.ofSeconds(2);
  static final Duration SLOW_APPROVAL = Duration.ofSeconds(3);
  static final int CONTEXT_BUDGET_TOKENS = 450;
  /** A day passes in one real second: the 72-hour gate costs three seconds of wall time. */
  static final long A_DAY_PER_SECOND = 86_400;
  /** How long the run watches a gate the human never answers. */
  static final Duration WITHHELD_FOR = Duration.ofSeconds(3);

  private CatalogueInJava() {}

  public static List<Scenario> all() {
    return List.of(happyPath(), crashBeforeCreateQuote(), crashAfterPlaceOrder(), crashAfterPlaceOrderRedelivered(),
        modelOutageMidPlan(), model429Storm(), modelStreamCut(), crmCommitThenDrop(), crmLatencySpike(),
        idpSlowTokenExchange(), modelContextOverflow(), approvalAfter72h(), approvalWithheld(), zombieWorker(), platformRestart(),
        platformPartition(), agentNetworkDisconnect(), signingKeyRotation(), signingKeyRotationNoGrace(),
        clientSecretRotation(), tokenExpiryMidTask(), idpOutageDuringRefresh(), delegationRevoked(), scopeWithdrawn(),
        crossAgentToken(), clockSkew(), mcpSessionExpired(), mcpServerRestart(), mcpToolsChanged(), mcpAuthExpired(),
        mcpStreamDropped(), mcpSlowTool(), mcpToolError());
  }

  public static Scenario mcpSessionExpired() {
    return Scenario.named("mcp-session-expired")
        .describedAs("Tools over MCP: right after the CRM committed create_quote, the MCP server forgets every session,"
            + " so the agent's next request is 404. A robust agent initializes a new session, lists the tools again"
            + " and carries on, without calling create_quote twice.")
        .withFault(Faults.mcp(McpFault.expireSessions()).when(crmCommitted("create_quote")))
        .withTimeout(TIMEOUT);
  }

  public static Scenario mcpServerRestart() {
    return Scenario.named("mcp-server-restart")
        .describedAs("Tools over MCP: the MCP server restarts during the place_order call: the CRM committed the"
            + " order, the answer is lost and every session is gone. A robust agent initializes again and retries"
            + " with the same idempotency key: exactly one order.")
        .withFault(Faults.mcp(McpFault.restart()).when(crmCommitted("create_quote")))
        .withTimeout(TIMEOUT);
  }

  public static Scenario mcpToolsChanged() {
    return Scenario.named("mcp-tools-changed")
        .describedAs("Tools over MCP: while the task awaits approval, the server renames place_order to submit_order"
            + " and announces notifications/tools/list_changed. A robust agent lists the tools again and orders with"
            + " submit_order; it never calls the vanished place_order.")
        .withFault(Faults.mcp(McpFault.renameTool("place_order", "submit_order")).when(taskAwaitsApproval()))
        .withChecks(withMcpToolsCurrent())
        .withTimeout(TIMEOUT);
  }

  private static List<Checker> withMcpToolsCurrent() {
    List<Checker> checks = new ArrayList<>(Checks.standard());
    checks.add(Checks.mcpToolsCurrent());
    return checks;
  }

  public static Scenario mcpAuthExpired() {
    return Scenario.named("mcp-auth-expired")
        .describedAs("Tools over MCP: right after the CRM committed create_quote, every token presented to the MCP"
            + " server so far is refused (401 invalid_token). A robust agent exchanges a fresh delegated token and"
            + " carries on, without redoing work.")
        .withFault(Faults.mcp(McpFault.expireAuthorization()).when(crmCommitted("create_quote")))
        .withTimeout(TIMEOUT);
  }

  public static Scenario mcpStreamDropped() {
    return Scenario.named("mcp-stream-dropped")
        .describedAs("Tools over MCP: the place_order call commits at the CRM, then its event stream closes before"
            + " the result. A robust agent retries with the same idempotency key and gets the first answer: exactly"
            + " one order.")
        .withFault(Faults.mcp(McpFault.dropStream("place_order")))
        .withTimeout(Duration.ofSeconds(40));
  }

  public static Scenario mcpSlowTool() {
    return Scenario.named("mcp-slow-tool")
        .describedAs("Tools over MCP: for 5 s after the order, add_note answers 11 s late, later than the agents' 10 s"
            + " tool timeout. A robust agent gives up on the call, retries with the same idempotency key and gets the"
            + " first note: exactly one.")
        .withFault(Faults.mcp(McpFault.slowTool("add_note", Duration.ofSeconds(11))).when(crmCommitted("place_order"))
            .lasting(Duration.ofSeconds(5)))
        .withTimeout(Duration.ofSeconds(45));
  }

  public static Scenario mcpToolError() {
    return Scenario.named("mcp-tool-error")
        .describedAs("Tools over MCP: create_quote returns a tool result with isError, reaching no service. The model"
            + " reads the error and gives up; a robust agent ends the task saying so (FAILED, with the reason),"
            + " writes nothing after it and never reports success.")
        .withFault(Faults.mcp(McpFault.toolError("create_quote", 1)))
        .withChecks(Checks.alwaysAnd(Checks.taskEnded(), Checks.exactlyOnceEffects(), Checks.noWorkRedone(),
            Checks.delegatedWrites()))
        .withTimeout(TIMEOUT);
  }

  public static Optional<Scenario> named(String name) {
    return all().stream().filter(scenario -> scenario.name().equals(name)).findFirst();
  }

  public static List<String> names() {
    return all().stream().map(Scenario::name).toList();
  }

  /** No faults: the agent must complete the task with every check passing. */
  public static Scenario happyPath() {
    return Scenario.named("happy-path")
        .describedAs("No faults: get account, quote, approval, order, note, summary.")
        .withTimeout(TIMEOUT);
  }

  /** The agent dies the moment the model asks for {@code create_quote}, before it touched the CRM. */
  public static Scenario crashBeforeCreateQuote() {
    return Scenario.named("crash-before-create-quote")
        .describedAs("kill -9 when the model asks for create_quote; restart; the task must resume, not vanish.")
        .withFault(killAgent().when(agentEnters("create_quote")).restartAfter(RESTART_DELAY))
        .withTimeout(TIMEOUT);
  }

  /** The CRM stores the order, the agent dies before the answer reaches it. */
  public static Scenario crashAfterPlaceOrder() {
    return Scenario.named("crash-after-place-order")
        .describedAs("kill -9 right after the CRM committed place_order, before the agent heard back; restart.")
        .withFault(killAgent().when(crmCommitted("place_order")).restartAfter(RESTART_DELAY))
        .withTimeout(TIMEOUT);
  }

  /** As {@link #crashAfterPlaceOrder()}, and the task is delivered again after the restart, as a queue would. */
  public static Scenario crashAfterPlaceOrderRedelivered() {
    return Scenario.named("crash-after-place-order-redelivered")
        .describedAs("As crash-after-place-order, and the task is submitted again after the restart;"
            + " idempotency keys must keep the CRM from a second order.")
        .withFault(killAgent().when(crmCommitted("place_order")).restartAfter(RESTART_DELAY))
        .withTaskResubmittedAfterRestart()
        .withTimeout(TIMEOUT);
  }

  /** The model endpoint goes away for 5 s as the agent enters create_quote. */
  public static Scenario modelOutageMidPlan() {
    return Scenario.named("model-outage-mid-plan")
        .describedAs("The model endpoint is unreachable for 5 s from the moment it asks for create_quote;"
            + " a robust agent retries with backoff, a bounded number of times, and completes.")
        .withFault(outage(MODEL).when(agentEnters("create_quote")).lasting(Duration.ofSeconds(5)))
        .withChecks(standardAnd(Checks.boundedRetries(MAX_RETRIES)))
        .withTimeout(TIMEOUT);
  }

  /** Three 429s in a row, each asking the agent to wait a second. */
  public static Scenario model429Storm() {
    return Scenario.named("model-429-storm")
        .describedAs("After create_quote is asked for, the next 3 model calls answer 429 with Retry-After: 1;"
            + " a robust agent waits as told, retries a bounded number of times, and completes.")
        .withFault(model(ModelFault.rateLimited(Duration.ofSeconds(1)).forRequests(3))
            .when(agentEnters("create_quote")))
        .withChecks(standardAnd(Checks.retryAfterHonoured(), Checks.boundedRetries(MAX_RETRIES)))
        .withTimeout(TIMEOUT);
  }

  /** The next model answer is cut off after two chunks. */
  public static Scenario modelStreamCut() {
    return Scenario.named("model-stream-cut")
        .describedAs("After create_quote is asked for, the next model answer is cut after 2 chunks (no [DONE]);"
            + " a robust agent notices the broken answer, asks again and completes.")
        .withFault(model(ModelFault.streamCutAfter(2).forRequests(1)).when(agentEnters("create_quote")))
        .withChecks(standardAnd(Checks.boundedRetries(MAX_RETRIES)))
        .withTimeout(TIMEOUT);
  }

  /** The CRM stores the order and drops the connection before answering. */
  public static Scenario crmCommitThenDrop() {
    return Scenario.named("crm-commit-then-drop")
        .describedAs("The CRM commits place_order and drops the connection before answering; a robust agent"
            + " retries with the same Idempotency-Key and gets the first answer: exactly one order.")
        .withFault(commitThenDropResponse(CRM, "place_order"))
        .withTimeout(TIMEOUT);
  }

  /** Every CRM answer 800 ± 200 ms late for 5 s. */
  public static Scenario crmLatencySpike() {
    return Scenario.named("crm-latency-spike")
        .describedAs("From create_quote on, every CRM answer arrives 800 ± 200 ms late for 5 s;"
            + " a robust agent waits rather than giving up or writing twice.")
        .withFault(latency(CRM, Duration.ofMillis(800)).jitter(Duration.ofMillis(200))
            .when(agentEnters("create_quote")).lasting(Duration.ofSeconds(5)))
        .withTimeout(TIMEOUT);
  }

  /** The token endpoint takes 2 s for every request. */
  public static Scenario idpSlowTokenExchange() {
    return Scenario.named("idp-slow-token-exchange")
        .describedAs("Every token request takes 2 s; a robust agent waits for its delegated token and completes.")
        .withFault(identity(IdentityFault.slowTokenEndpoint(Duration.ofSeconds(2))))
        .withTimeout(TIMEOUT);
  }

  /** The model refuses the conversation once it passes 450 tokens. */
  public static Scenario modelContextOverflow() {
    return Scenario.named("model-context-overflow")
        .describedAs("The model answers 400 context_length_exceeded once the conversation passes 450 tokens;"
            + " a robust agent does not retry the same request: it compacts and completes, or fails with the"
            + " reason, with no effect duplicated.")
        .withFault(model(ModelFault.contextLengthExceeded(CONTEXT_BUDGET_TOKENS)))
        .withChecks(Checks.alwaysAnd(Checks.taskEnded(), Checks.exactlyOnceEffects(), Checks.delegatedWrites(),
            Checks.boundedRetries(1)))
        .withTimeout(TIMEOUT);
  }

  private static List<Checker> standardAnd(Checker... more) {
    List<Checker> checks = new ArrayList<>(Checks.standard());
    checks.addAll(List.of(more));
    return checks;
  }

  /**
   * The human answers 72 hours (scenario time) after the agent asks; every token the agent held before the gate is
   * dead after it, and its client secret rotates meanwhile.
   */
  public static Scenario approvalAfter72h() {
    return Scenario.named("approval-after-72h")
        .describedAs("The approval arrives 72 h (scenario time, 3 s real) after the request. Delegated tokens live"
            + " 2 s, shorter than the gate, so every token fetched before it is dead after it, and the agent's client"
            + " secret is rotated while it waits: a durable agent keeps the gate, re-reads its secret and finishes"
            + " on a fresh token; one that never authenticates again, or cached its secret, cannot order.")
        .withApprovalDelay(Duration.ofHours(72))
        .withClockCompression(A_DAY_PER_SECOND)
        .withFault(shortTokenLifetime(SHORT_TOKEN))
        .withFault(rotateAgentSecret().when(taskAwaitsApproval()))
        .withChecks(identityAnd(Checks.rotationSurvived()))
        .withTimeout(TIMEOUT);
  }

  /** The human never answers: the agent must keep waiting, and order nothing. */
  public static Scenario approvalWithheld() {
    return Scenario.named("approval-withheld")
        .describedAs("The human never answers the approval request; the run ends 3 s after the task starts awaiting"
            + " approval. A robust agent keeps waiting at the gate: the task is still AWAITING_APPROVAL at the end"
            + " and nothing is ordered.")
        .withApprovalWithheldFor(WITHHELD_FOR)
        .withChecks(Checks.alwaysAnd(Checks.exactlyOnceEffects(), Checks.delegatedWrites(), Checks.leastPrivilege()))
        .withTimeout(TIMEOUT);
  }

  /** The agent freezes mid-step longer than any lease while a standby worker runs, then wakes up. */
  public static Scenario zombieWorker() {
    return Scenario.named("zombie-worker")
        .describedAs("SIGSTOP the agent right after the CRM committed create_quote, run a standby worker, SIGCONT"
            + " it 8 s later: the platform may hand the step to the standby; the zombie's late write must not count twice.")
        .withFault(pauseAgent().when(crmCommitted("create_quote")).lasting(Duration.ofSeconds(8)).withStandbyWorker())
        .withTimeout(TIMEOUT);
  }

  /** The platform server dies mid-task and comes back on its state. */
  public static Scenario platformRestart() {
    return Scenario.named("platform-restart")
        .describedAs("kill -9 the platform server (Temporal test server, Restate, PostgreSQL) right after the CRM"
            + " committed create_quote; restart it on its state after 1 s; the task must complete, exactly once.")
        .withFault(killPlatform().when(crmCommitted("create_quote")).restartAfter(Duration.ofSeconds(1)))
        .requiringStatefulPlatform()
        .withTimeout(TIMEOUT);
  }

  /** The agent cannot reach its platform for a while. */
  public static Scenario platformPartition() {
    return Scenario.named("platform-partition")
        .describedAs("Cut the agent-to-platform hop for 3 s right after the CRM committed create_quote;"
            + " the agent must reconnect and complete, exactly once.")
        .withFault(outage(PLATFORM).when(crmCommitted("create_quote")).lasting(Duration.ofSeconds(3)))
        .requiringPlatform()
        .withTimeout(TIMEOUT);
  }

  /** The agent's network goes away as the CRM commits the order: its answer is lost, and so is every service. */
  public static Scenario agentNetworkDisconnect() {
    return Scenario.named("agent-network-disconnect")
        .describedAs("Disconnect the agent from every service (model, identity provider, CRM, platform) right after"
            + " the CRM committed place_order, before the answer left, for 3 s; the agent must reconnect, repeat"
            + " the order with the same Idempotency-Key and complete: exactly one order.")
        .withFault(disconnectAgent().when(crmCommitted("place_order")).lasting(Duration.ofSeconds(3)))
        .withTimeout(TIMEOUT);
  }

  /** The agent's client secret rotates as it starts working and again while it waits for approval. */
  public static Scenario clientSecretRotation() {
    return Scenario.named("client-secret-rotation")
        .describedAs("The agent's client secret is rotated when the agent enters get_account and again"
            + " while the task awaits approval, the old secret refused at once; an agent that re-reads its secret"
            + " file completes, one that cached the secret cannot exchange tokens.")
        .withFault(rotateAgentSecret().when(agentEnters("get_account")))
        .withFault(rotateAgentSecret().when(taskAwaitsApproval()))
        .withChecks(identityAnd(Checks.rotationSurvived()))
        .withTimeout(TIMEOUT);
  }

  /** The identity provider is down when the agent's short-lived token needs refreshing after approval. */
  public static Scenario idpOutageDuringRefresh() {
    return Scenario.named("idp-outage-during-refresh")
        .describedAs("Delegated tokens live 2 s and the approval takes 3 s, so the agent must refresh to order;"
            + " the identity provider is unreachable for 4 s from the moment the task awaits approval. A robust"
            + " agent retries the exchange with backoff and completes, and never writes without a delegated token.")
        .withFault(shortTokenLifetime(SHORT_TOKEN))
        .withFault(identity(IdentityFault.outage()).when(taskAwaitsApproval()).lasting(Duration.ofSeconds(4)))
        .withApprovalDelay(SLOW_APPROVAL)
        .withChecks(identityAnd())
        .withTimeout(TIMEOUT);
  }

  /** The signing key rotates while the task awaits approval; the old key stays published for 5 s. */
  public static Scenario signingKeyRotation() {
    return Scenario.named("signing-key-rotation")
        .describedAs("The identity provider rotates its signing key while the task awaits approval and withdraws"
            + " the old one 5 s later; the agent must complete, its tokens verified against the new JWKS.")
        .withFault(rotateSigningKey(Duration.ofSeconds(5)).when(taskAwaitsApproval()))
        .withChecks(identityAnd(Checks.rotationSurvived()))
        .withTimeout(TIMEOUT);
  }

  /** The signing key rotates while the task awaits approval and the old key is withdrawn at once. */
  public static Scenario signingKeyRotationNoGrace() {
    return Scenario.named("signing-key-rotation-no-grace")
        .describedAs("The identity provider rotates its signing key while the task awaits approval and withdraws"
            + " the old one at once: every token signed before dies, the user's too. A robust agent makes no write"
            + " with a dead token, duplicates nothing, and ends the task (a fresh token, or a failure with the reason).")
        .withFault(rotateSigningKey(Duration.ZERO).when(taskAwaitsApproval()))
        .withChecks(Checks.alwaysAnd(Checks.taskEnded(), Checks.exactlyOnceEffects(), Checks.delegatedWrites(),
            Checks.leastPrivilege()))
        .withTimeout(TIMEOUT);
  }

  /** Delegated tokens live 2 s and the approval takes 3 s: the token expires mid-task. */
  public static Scenario tokenExpiryMidTask() {
    return Scenario.named("token-expiry-mid-task")
        .describedAs("Delegated tokens live 2 s and the approval arrives after 3 s, so the token the agent quoted"
            + " with has expired when it orders; a robust agent refreshes it and completes.")
        .withFault(shortTokenLifetime(SHORT_TOKEN))
        .withApprovalDelay(SLOW_APPROVAL)
        .withChecks(identityAnd())
        .withTimeout(TIMEOUT);
  }

  /** The user revokes the delegation while the task awaits approval: no write may follow. */
  public static Scenario delegationRevoked() {
    return Scenario.named("delegation-revoked")
        .describedAs("The user revokes the agent's delegation while the task awaits approval; the CRM refuses"
            + " writes after it. A robust agent makes no write after the revocation and fails the task with the"
            + " reason.")
        .withFault(revokeDelegation().when(taskAwaitsApproval()))
        .withChecks(Checks.alwaysAnd(Checks.taskEnded(), Checks.exactlyOnceEffects(), Checks.delegatedWrites(),
            Checks.leastPrivilege(), Checks.revocationRespected()))
        .withTimeout(TIMEOUT);
  }

  /** The user withdraws crm.write while the task awaits approval. */
  public static Scenario scopeWithdrawn() {
    return Scenario.named("scope-withdrawn")
        .describedAs("The user withdraws [crm.write] from the agent while the task awaits approval; a robust agent"
            + " makes no write under the withdrawn scope and fails the task with the reason.")
        .withFault(withdrawScope("crm.write").when(taskAwaitsApproval()))
        .withChecks(Checks.alwaysAnd(Checks.taskEnded(), Checks.exactlyOnceEffects(), Checks.delegatedWrites(),
            Checks.leastPrivilege()))
        .withTimeout(TIMEOUT);
  }

  /**
   * An upstream agent hands the task over with its own delegated token (token passthrough), in the same
   * environment as the agent under test.
   */
  public static Scenario crossAgentToken() {
    return Scenario.named("cross-agent-token")
        .describedAs("An upstream agent [" + UPSTREAM_AGENT + "] hands the task over together with its own delegated"
            + " token (token passthrough); a robust agent never presents another agent's token: it exchanges the"
            + " user's token for its own and completes. The CRM refuses a token from anyone but the agent it names.")
        .withHandoffFrom(UPSTREAM_AGENT)
        .withChecks(identityAnd())
        .withTimeout(TIMEOUT);
  }

  /** The identity provider's clock runs 30 s behind. */
  public static Scenario clockSkew() {
    return Scenario.named("clock-skew")
        .describedAs("The identity provider's clock runs 30 s ahead of the CRM's and the agent's, so its tokens"
            + " are issued in their future; a robust agent trusts expires_in rather than its own clock and completes.")
        .withFault(Faults.clockSkew(Duration.ofSeconds(30)))
        .withChecks(identityAnd())
        .withTimeout(TIMEOUT);
  }

  private static List<Checker> identityAnd(Checker... more) {
    List<Checker> checks = new ArrayList<>(Checks.identity());
    checks.addAll(List.of(more));
    return checks;
  }
}
