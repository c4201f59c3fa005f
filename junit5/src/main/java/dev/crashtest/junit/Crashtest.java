package dev.crashtest.junit;

import dev.crashtest.agent.AgentSpec;
import dev.crashtest.catalogue.Catalogue;
import dev.crashtest.check.Checker;
import dev.crashtest.check.Checks;
import dev.crashtest.env.Service;
import dev.crashtest.fakes.crm.CrmFault;
import dev.crashtest.fakes.identity.IdentityFault;
import dev.crashtest.fakes.model.ModelFault;
import dev.crashtest.scenario.Faults;
import dev.crashtest.scenario.IdentityChange;
import dev.crashtest.scenario.NetworkFault;
import dev.crashtest.scenario.ProcessCrash;
import dev.crashtest.scenario.ProcessPause;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenario.SecretRotation;
import dev.crashtest.scenario.ServiceFault;
import dev.crashtest.scenario.Trigger;
import dev.crashtest.scenario.Triggers;
import java.time.Duration;
import java.util.List;

/**
 * One static import for a Crashtest test: the catalogue's scenarios, agents, faults, triggers, checks and the
 * assertions on a run. Each method is the harness's own ({@link Faults}, {@link Triggers}, {@link Checks},
 * {@link AgentSpec}, {@link Catalogue}), gathered here so a test needs a handful of imports.
 *
 * <pre>{@code
 * import static dev.crashtest.junit.Crashtest.*;
 *
 * @CrashtestTest
 * void my_agent_survives_a_crash_after_the_order(ScenarioRunner runner, @Seed long seed) {
 *   AgentSpec mine = command("my-agent", "python3", "-u", "my_agent.py");
 *   assertThat(runner.run(scenario("crash-after-place-order"), mine, seed)).passed();
 *   assertThat(runner.run(scenario("happy-path").withFault(outage(MODEL).when(agentEnters("create_quote"))
 *       .lasting(Duration.ofSeconds(5))), mine, seed)).passed();
 * }
 * }</pre>
 */
public final class Crashtest {
  /** The model endpoint, for {@link #outage(Service)} and the other network faults. */
  public static final Service MODEL = Service.MODEL;
  /** The CRM. */
  public static final Service CRM = Service.CRM;
  /** The identity provider. */
  public static final Service IDENTITY = Service.IDENTITY;
  /** The durable-execution platform of an agent that has one. */
  public static final Service PLATFORM = Service.PLATFORM;

  private Crashtest() {}

  // --- the run -----------------------------------------------------------------------------------------------

  /**
   * Assertions on a run: {@code assertThat(result).passed()}, {@code .failedOn("exactly-once-effects")},
   * {@code .check("task-ended").hasMessageContaining("...")}; a miss throws {@link ScenarioFailedError}.
   */
  public static RunResultAssert assertThat(RunResult result) {
    return new RunResultAssert(result);
  }

  /**
   * Assertions on an exploration: {@code assertThat(result).foundNothing()} fails with each finding's minimal
   * schedule, its scenario file and the command that reproduces it.
   */
  public static ExplorationAssert assertThat(dev.crashtest.explore.ExplorationResult result) {
    return new ExplorationAssert(result);
  }

  // --- scenarios ---------------------------------------------------------------------------------------------

  /**
   * The catalogue's scenario named {@code name}, e.g. {@code crash-after-place-order}; {@link Scenario#named} makes
   * a new one instead.
   *
   * @throws IllegalArgumentException for a name the catalogue does not have, listing the ones it has
   */
  public static Scenario scenario(String name) {
    return Catalogue.named(name).orElseThrow(() -> new IllegalArgumentException("no scenario [" + name
        + "] in the catalogue; it has " + String.join(", ", Catalogue.names())
        + "; for a scenario of your own use Scenario.named(\"" + name + "\")"));
  }

  /** Every scenario of the catalogue, in the order {@code ./crashtest list} shows them. */
  public static List<Scenario> catalogue() {
    return Catalogue.all();
  }

  // --- agents ------------------------------------------------------------------------------------------------

  /** An agent started by a command line, e.g. {@code command("my-agent", "python3", "-u", "my_agent.py")}. */
  public static AgentSpec command(String name, String... commandLine) {
    return AgentSpec.command(name, List.of(commandLine));
  }

  /** An agent run as a container of a local image (never pulled), e.g. {@code image("my-agent", "my/agent:1.4")}. */
  public static AgentSpec image(String name, String image) {
    return AgentSpec.image(name, image);
  }

  /** An agent whose main class is on this test's class path, in a JVM of its own. */
  public static AgentSpec javaMain(String name, String mainClass, String... args) {
    return AgentSpec.javaMain(name, mainClass, args);
  }

  // --- faults ------------------------------------------------------------------------------------------------

  /** @see Faults#killAgent() */
  public static ProcessCrash killAgent() {
    return Faults.killAgent();
  }

  /** @see Faults#terminateAgent() */
  public static ProcessCrash terminateAgent() {
    return Faults.terminateAgent();
  }

  /** @see Faults#killPlatform() */
  public static ProcessCrash killPlatform() {
    return Faults.killPlatform();
  }

  /** @see Faults#pauseAgent() */
  public static ProcessPause pauseAgent() {
    return Faults.pauseAgent();
  }

  /** @see Faults#rotateAgentSecret() */
  public static SecretRotation rotateAgentSecret() {
    return Faults.rotateAgentSecret();
  }

  /** @see Faults#rotateSigningKey(Duration) */
  public static IdentityChange rotateSigningKey(Duration grace) {
    return Faults.rotateSigningKey(grace);
  }

  /** @see Faults#shortTokenLifetime(Duration) */
  public static IdentityChange shortTokenLifetime(Duration lifetime) {
    return Faults.shortTokenLifetime(lifetime);
  }

  /** @see Faults#revokeDelegation() */
  public static IdentityChange revokeDelegation() {
    return Faults.revokeDelegation();
  }

  /** @see Faults#withdrawScope(String) */
  public static IdentityChange withdrawScope(String scope) {
    return Faults.withdrawScope(scope);
  }

  /** @see Faults#clockSkew(Duration) */
  public static IdentityChange clockSkew(Duration offset) {
    return Faults.clockSkew(offset);
  }

  /** @see Faults#outage(Service) */
  public static NetworkFault outage(Service service) {
    return Faults.outage(service);
  }

  /** @see Faults#disconnectAgent() */
  public static NetworkFault disconnectAgent() {
    return Faults.disconnectAgent();
  }

  /** @see Faults#latency(Service, Duration) */
  public static NetworkFault latency(Service service, Duration delay) {
    return Faults.latency(service, delay);
  }

  /** @see Faults#bandwidth(Service, long) */
  public static NetworkFault bandwidth(Service service, long kilobytesPerSecond) {
    return Faults.bandwidth(service, kilobytesPerSecond);
  }

  /** @see Faults#timeout(Service, Duration) */
  public static NetworkFault timeout(Service service, Duration after) {
    return Faults.timeout(service, after);
  }

  /** @see Faults#resetPeer(Service, Duration) */
  public static NetworkFault resetPeer(Service service, Duration after) {
    return Faults.resetPeer(service, after);
  }

  /** @see Faults#slicer(Service, long, long) */
  public static NetworkFault slicer(Service service, long averageBytes, long delayMicros) {
    return Faults.slicer(service, averageBytes, delayMicros);
  }

  /** @see Faults#limitData(Service, long) */
  public static NetworkFault limitData(Service service, long bytes) {
    return Faults.limitData(service, bytes);
  }

  /** @see Faults#slowClose(Service, Duration) */
  public static NetworkFault slowClose(Service service, Duration delay) {
    return Faults.slowClose(service, delay);
  }

  /** @see Faults#model(ModelFault) */
  public static ServiceFault model(ModelFault fault) {
    return Faults.model(fault);
  }

  /** @see Faults#crm(CrmFault) */
  public static ServiceFault crm(CrmFault fault) {
    return Faults.crm(fault);
  }

  /** @see Faults#identity(IdentityFault) */
  public static ServiceFault identity(IdentityFault fault) {
    return Faults.identity(fault);
  }

  /** @see Faults#commitThenDropResponse(Service, String) */
  public static ServiceFault commitThenDropResponse(Service service, String operation) {
    return Faults.commitThenDropResponse(service, operation);
  }

  // --- triggers ----------------------------------------------------------------------------------------------

  /** @see Triggers#agentEnters(String) */
  public static Trigger agentEnters(String step) {
    return Triggers.agentEnters(step);
  }

  /** @see Triggers#crmCommitted(String) */
  public static Trigger crmCommitted(String operation) {
    return Triggers.crmCommitted(operation);
  }

  /** @see Triggers#taskAwaitsApproval() */
  public static Trigger taskAwaitsApproval() {
    return Triggers.taskAwaitsApproval();
  }

  /** @see Triggers#afterCrmCalls(int) */
  public static Trigger afterCrmCalls(int n) {
    return Triggers.afterCrmCalls(n);
  }

  /** @see Triggers#nthCall(String, String, int) */
  public static Trigger nthCall(String service, String operation, int n) {
    return Triggers.nthCall(service, operation, n);
  }

  /** @see Triggers#atTime(Duration) */
  public static Trigger atTime(Duration time) {
    return Triggers.atTime(time);
  }

  // --- checks ------------------------------------------------------------------------------------------------

  /** @see Checks#taskCompleted() */
  public static Checker taskCompleted() {
    return Checks.taskCompleted();
  }

  /** @see Checks#exactlyOnceEffects() */
  public static Checker exactlyOnceEffects() {
    return Checks.exactlyOnceEffects();
  }

  /** @see Checks#noWorkRedone() */
  public static Checker noWorkRedone() {
    return Checks.noWorkRedone();
  }

  /** @see Checks#delegatedWrites() */
  public static Checker delegatedWrites() {
    return Checks.delegatedWrites();
  }

  /** @see Checks#attribution() */
  public static Checker attribution() {
    return Checks.attribution();
  }

  /** @see Checks#leastPrivilege() */
  public static Checker leastPrivilege() {
    return Checks.leastPrivilege();
  }

  /** @see Checks#revocationRespected() */
  public static Checker revocationRespected() {
    return Checks.revocationRespected();
  }

  /** @see Checks#secretHygiene() */
  public static Checker secretHygiene() {
    return Checks.secretHygiene();
  }

  /** @see Checks#rotationSurvived() */
  public static Checker rotationSurvived() {
    return Checks.rotationSurvived();
  }

  /** @see Checks#approvalGate() */
  public static Checker approvalGate() {
    return Checks.approvalGate();
  }

  /** @see Checks#requestedWrites() */
  public static Checker requestedWrites() {
    return Checks.requestedWrites();
  }

  /** @see Checks#retryAfterHonoured() */
  public static Checker retryAfterHonoured() {
    return Checks.retryAfterHonoured();
  }

  /** @see Checks#boundedRetries(int) */
  public static Checker boundedRetries(int max) {
    return Checks.boundedRetries(max);
  }

  /** @see Checks#taskEnded() */
  public static Checker taskEnded() {
    return Checks.taskEnded();
  }

  /** @see Checks#standard() */
  public static List<Checker> standardChecks() {
    return Checks.standard();
  }
}
