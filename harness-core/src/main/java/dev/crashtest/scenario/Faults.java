package dev.crashtest.scenario;

import dev.crashtest.env.Service;
import dev.crashtest.fakes.crm.CrmFault;
import dev.crashtest.fakes.identity.IdentityFault;
import dev.crashtest.fakes.model.ModelFault;
import java.time.Duration;
import java.util.EnumSet;

/**
 * Entry points of the fault DSL. Every fault fires on a trigger (by default when the task is submitted) and
 * lasts until healed: after {@code lasting(...)}, after its requests ({@code forRequests(n)}), at a restart,
 * or when the run ends.
 *
 * <pre>{@code
 * import static dev.crashtest.env.Service.*;
 * import static dev.crashtest.scenario.Faults.*;
 * import static dev.crashtest.scenario.Triggers.*;
 *
 * killAgent().when(agentEnters("create_quote")).restartAfter(Duration.ofMillis(300));
 * outage(MODEL).when(agentEnters("create_quote")).lasting(Duration.ofSeconds(5));
 * latency(CRM, Duration.ofMillis(800)).jitter(Duration.ofMillis(200));
 * commitThenDropResponse(CRM, "place_order");
 * model(ModelFault.rateLimited(Duration.ofSeconds(1)).forRequests(3));
 * }</pre>
 */
public final class Faults {
  private Faults() {}

  /** {@code kill -9} the agent; by default when the task is submitted, restarted after 200 ms. */
  public static ProcessCrash killAgent() {
    return new ProcessCrash(ProcessCrash.Target.AGENT, ProcessCrash.Signal.KILL, Triggers.atTime(Duration.ZERO),
        Duration.ofMillis(200), false, null);
  }

  /** {@code SIGTERM} the agent; by default when the task is submitted, restarted after 200 ms. */
  public static ProcessCrash terminateAgent() {
    return new ProcessCrash(ProcessCrash.Target.AGENT, ProcessCrash.Signal.TERM, Triggers.atTime(Duration.ZERO),
        Duration.ofMillis(200), false, null);
  }

  /**
   * {@code kill -9} the durable-execution platform server (Restate, PostgreSQL for DBOS); by default when the task is
   * submitted, restarted on its state after 1 s. Runs without a platform ignore it and record why.
   */
  public static ProcessCrash killPlatform() {
    return new ProcessCrash(ProcessCrash.Target.PLATFORM, ProcessCrash.Signal.KILL, Triggers.atTime(Duration.ZERO),
        Duration.ofSeconds(1), false, null);
  }

  /**
   * {@code SIGSTOP} the agent, {@code SIGCONT} it after {@code lasting(...)}: a zombie worker that wakes up after
   * its platform may have handed its work to another worker.
   */
  public static ProcessPause pauseAgent() {
    return new ProcessPause(ProcessCrash.Target.AGENT, Triggers.atTime(Duration.ZERO), Duration.ofSeconds(5), false,
        false, null, null);
  }

  /**
   * {@code SIGSTOP} the durable-execution platform server, {@code SIGCONT} it after {@code lasting(...)} (default
   * 5 s): a platform that hangs rather than dies, its connections open and silent.
   */
  public static ProcessPause pausePlatform() {
    return new ProcessPause(ProcessCrash.Target.PLATFORM, Triggers.atTime(Duration.ZERO), Duration.ofSeconds(5),
        false, false, null, null);
  }

  /**
   * {@code SIGTERM} the durable-execution platform server: it may shut down cleanly; by default when the task is
   * submitted, restarted on its state after 1 s.
   */
  public static ProcessCrash terminatePlatform() {
    return new ProcessCrash(ProcessCrash.Target.PLATFORM, ProcessCrash.Signal.TERM, Triggers.atTime(Duration.ZERO),
        Duration.ofSeconds(1), false, null);
  }

  /** The agent's client secret changes: new secret in its file, the old one refused from now on. */
  public static SecretRotation rotateAgentSecret() {
    return SecretRotation.atStart();
  }

  /**
   * The identity provider signs with a new key; the old one stays published for {@code grace} (zero: withdrawn at
   * once, so verifiers must refetch the JWKS and agents fetch fresh tokens).
   */
  public static IdentityChange rotateSigningKey(Duration grace) {
    if (grace.isNegative()) {
      throw new IllegalArgumentException("rotateSigningKey needs a grace of zero or more, got [" + grace + "]");
    }
    return IdentityChange.of(IdentityChange.Kind.ROTATE_SIGNING_KEY, grace, null);
  }

  /** Delegated tokens minted from now on live only {@code lifetime}: the agent must refresh them mid-task. */
  public static IdentityChange shortTokenLifetime(Duration lifetime) {
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("shortTokenLifetime needs a positive lifetime, got [" + lifetime + "]");
    }
    return IdentityChange.of(IdentityChange.Kind.SHORT_TOKEN_LIFETIME, lifetime, null);
  }

  /** The run's user revokes the delegation to the run's agent: no token exchange, and no CRM write, after it. */
  public static IdentityChange revokeDelegation() {
    return IdentityChange.of(IdentityChange.Kind.REVOKE_DELEGATION, Duration.ZERO, null);
  }

  /** The run's user withdraws {@code scope} (e.g. {@code crm.write}) from the run's agent. */
  public static IdentityChange withdrawScope(String scope) {
    if (scope == null || scope.isBlank()) {
      throw new IllegalArgumentException("withdrawScope needs a scope, e.g. withdrawScope(\"crm.write\")");
    }
    return IdentityChange.of(IdentityChange.Kind.WITHDRAW_SCOPE, Duration.ZERO, scope);
  }

  /** The identity provider's clock runs {@code offset} ahead (negative: behind): its tokens' iat/nbf/exp shift. */
  public static IdentityChange clockSkew(Duration offset) {
    return IdentityChange.of(IdentityChange.Kind.CLOCK_SKEW, offset, null);
  }

  /** The service cannot be reached: its proxy refuses new connections and drops open ones. */
  public static NetworkFault outage(Service service) {
    return NetworkFault.of(service, NetworkFault.Kind.OUTAGE, 0, 0);
  }

  /**
   * The agent's network is disconnected, as {@code docker network disconnect} does to a container: at once, every
   * hop from the agent (model, identity provider, CRM, platform) refuses new connections and drops open ones, until
   * healed ({@code .lasting(...)}) or the run ends. The harness still reaches the agent's control API.
   */
  public static NetworkFault disconnectAgent() {
    return NetworkFault.of(EnumSet.allOf(Service.class), NetworkFault.Kind.OUTAGE, 0, 0);
  }

  /** Every answer from the service arrives {@code delay} late (add {@code .jitter(...)} to vary it). */
  public static NetworkFault latency(Service service, Duration delay) {
    return NetworkFault.of(service, NetworkFault.Kind.LATENCY, delay.toMillis(), 0);
  }

  /** Answers from the service trickle at {@code kilobytesPerSecond}; 0 stalls them. */
  public static NetworkFault bandwidth(Service service, long kilobytesPerSecond) {
    return NetworkFault.of(service, NetworkFault.Kind.BANDWIDTH, kilobytesPerSecond, 0);
  }

  /** Connections to the service go silent, and close after {@code after} (zero: stay open, silent). */
  public static NetworkFault timeout(Service service, Duration after) {
    return NetworkFault.of(service, NetworkFault.Kind.TIMEOUT, after.toMillis(), 0);
  }

  /** Connections to the service are reset (TCP RST) after {@code after}. */
  public static NetworkFault resetPeer(Service service, Duration after) {
    return NetworkFault.of(service, NetworkFault.Kind.RESET_PEER, after.toMillis(), 0);
  }

  /** Answers arrive in pieces of about {@code averageBytes}, {@code delayMicros} apart. */
  public static NetworkFault slicer(Service service, long averageBytes, long delayMicros) {
    return NetworkFault.of(service, NetworkFault.Kind.SLICER, averageBytes, delayMicros);
  }

  /** Connections close after {@code bytes} of answer. */
  public static NetworkFault limitData(Service service, long bytes) {
    return NetworkFault.of(service, NetworkFault.Kind.LIMIT_DATA, bytes, 0);
  }

  /** Connections close {@code delay} after the service closed them. */
  public static NetworkFault slowClose(Service service, Duration delay) {
    return NetworkFault.of(service, NetworkFault.Kind.SLOW_CLOSE, delay.toMillis(), 0);
  }

  /** The model endpoint misbehaves at the HTTP level: 429, 5xx, cut streams, context overflow, wrong tools. */
  public static ServiceFault model(ModelFault fault) {
    return ServiceFault.model(fault);
  }

  /** The CRM misbehaves at the HTTP level: 5xx, slow answers, 409, commit then drop the response. */
  public static ServiceFault crm(CrmFault fault) {
    return ServiceFault.crm(fault);
  }

  /**
   * A stubbed workload's services misbehave at the HTTP level, as the CRM can: 5xx, slow answers, 409, commit then
   * drop the response, on one operation (a tool) or all.
   *
   * <pre>{@code
   * stubbedServices(StubFault.commitThenDropResponse().on("create_refund").forRequests(1));
   * }</pre>
   */
  public static ServiceFault stubbedServices(dev.crashtest.fakes.stub.StubFault fault) {
    return ServiceFault.stubs(fault);
  }

  /**
   * The MCP server misbehaves, when agents reach their tools over MCP ({@code --tools mcp}; otherwise a scenario with
   * it is SKIPPED): sessions forgotten, a restart during a tool call, a tool renamed or its schema changed, an
   * authorization that expires, a dropped stream, a slow tool, a tool error.
   *
   * <pre>{@code
   * mcp(McpFault.expireSessions()).when(crmCommitted("create_quote"));
   * mcp(McpFault.renameTool("place_order", "submit_order")).when(taskAwaitsApproval());
   * }</pre>
   *
   * <p>A renamed tool is renamed for the model too: the model calls it by its new name when the agent offers that
   * name, as a model that read the changed list would, and by its old name when the agent still offers that.
   */
  public static ServiceFault mcp(dev.crashtest.fakes.mcp.McpFault fault) {
    return ServiceFault.mcp(fault);
  }

  /** The identity provider misbehaves: outage, token endpoint errors, a slow token endpoint. */
  public static ServiceFault identity(IdentityFault fault) {
    return ServiceFault.identity(fault);
  }

  /**
   * The CRM stores the next {@code operation} and drops the connection before answering: the write happened,
   * the agent cannot know. Only a retry with the same Idempotency-Key avoids a second effect.
   */
  public static ServiceFault commitThenDropResponse(Service service, String operation) {
    if (service != Service.CRM) {
      throw new IllegalArgumentException("commitThenDropResponse applies to the CRM only, not to [" + service.id()
          + "]; for example: commitThenDropResponse(CRM, \"place_order\")");
    }
    return crm(CrmFault.commitThenDropResponse().on(operation).forRequests(1));
  }
}
