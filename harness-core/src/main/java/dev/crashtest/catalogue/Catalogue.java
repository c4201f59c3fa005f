package dev.crashtest.catalogue;

import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenariofile.ScenarioFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The scenarios Crashtest ships, by name. Each is a scenario file under {@code dev/crashtest/catalogue/} on the
 * classpath (listed in order in its {@code index}), read like any user's file; the methods below are the Java face of
 * the same files.
 *
 * <pre>{@code
 * Scenario scenario = Catalogue.named("crash-after-place-order").orElseThrow();
 * Scenario same = Catalogue.crashAfterPlaceOrder();
 * String yaml = ScenarioFile.toYaml(scenario);   // what ./crashtest show crash-after-place-order prints
 * }</pre>
 */
public final class Catalogue {
  /** Where the built-in scenario files are on the classpath. */
  public static final String RESOURCE_DIRECTORY = "dev/crashtest/catalogue/";
  private static final List<ScenarioFile> FILES = load();

  private Catalogue() {}

  public static List<Scenario> all() {
    return FILES.stream().map(ScenarioFile::scenario).toList();
  }

  /** The built-in scenarios as files: where each came from and its digest. */
  public static List<ScenarioFile> files() {
    return FILES;
  }

  public static Optional<Scenario> named(String name) {
    return all().stream().filter(scenario -> scenario.name().equals(name)).findFirst();
  }

  public static List<String> names() {
    return all().stream().map(Scenario::name).toList();
  }

  private static List<ScenarioFile> load() {
    List<ScenarioFile> files = new ArrayList<>();
    for (String line : resource("index").split("\n")) {
      String file = line.strip();
      if (!file.isEmpty() && !file.startsWith("#")) {
        files.add(ScenarioFile.parse(RESOURCE_DIRECTORY + file, resource(file)));
      }
    }
    return List.copyOf(files);
  }

  private static String resource(String file) {
    try (InputStream in = Catalogue.class.getClassLoader().getResourceAsStream(RESOURCE_DIRECTORY + file)) {
      if (in == null) {
        throw new IllegalStateException("the built-in scenario file [" + RESOURCE_DIRECTORY + file + "] is missing"
            + " from the classpath; the crashtest-harness-core jar is incomplete: rebuild it");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in scenario file [" + RESOURCE_DIRECTORY + file + "]", e);
    }
  }

  private static Scenario scenario(String name) {
    return named(name).orElseThrow(() -> new IllegalStateException("no built-in scenario [" + name + "] in "
        + RESOURCE_DIRECTORY + "index"));
  }

  /** No faults: the agent must complete the task with every check passing. */
  public static Scenario happyPath() {
    return scenario("happy-path");
  }

  /** The agent dies the moment the model asks for {@code create_quote}, before it touched the CRM. */
  public static Scenario crashBeforeCreateQuote() {
    return scenario("crash-before-create-quote");
  }

  /** The CRM stores the order, the agent dies before the answer reaches it. */
  public static Scenario crashAfterPlaceOrder() {
    return scenario("crash-after-place-order");
  }

  /** As {@link #crashAfterPlaceOrder()}, and the task is delivered again after the restart, as a queue would. */
  public static Scenario crashAfterPlaceOrderRedelivered() {
    return scenario("crash-after-place-order-redelivered");
  }

  /** The model endpoint goes away for 5 s as the agent enters create_quote. */
  public static Scenario modelOutageMidPlan() {
    return scenario("model-outage-mid-plan");
  }

  /** Three 429s in a row, each asking the agent to wait a second. */
  public static Scenario model429Storm() {
    return scenario("model-429-storm");
  }

  /** The next model answer is cut off after two chunks. */
  public static Scenario modelStreamCut() {
    return scenario("model-stream-cut");
  }

  /** The CRM stores the order and drops the connection before answering. */
  public static Scenario crmCommitThenDrop() {
    return scenario("crm-commit-then-drop");
  }

  /** Every CRM answer 800 ± 200 ms late for 5 s. */
  public static Scenario crmLatencySpike() {
    return scenario("crm-latency-spike");
  }

  /** The token endpoint takes 2 s for every request. */
  public static Scenario idpSlowTokenExchange() {
    return scenario("idp-slow-token-exchange");
  }

  /** The model refuses the conversation once it passes 450 tokens. */
  public static Scenario modelContextOverflow() {
    return scenario("model-context-overflow");
  }

  /**
   * The human answers 72 hours (scenario time) after the agent asks; every token the agent held before the gate is
   * dead after it, and its client secret rotates meanwhile.
   */
  public static Scenario approvalAfter72h() {
    return scenario("approval-after-72h");
  }

  /** The human never answers: the agent must keep waiting, and order nothing. */
  public static Scenario approvalWithheld() {
    return scenario("approval-withheld");
  }

  /** The agent freezes mid-step longer than any lease while a standby worker runs, then wakes up. */
  public static Scenario zombieWorker() {
    return scenario("zombie-worker");
  }

  /** The platform server dies mid-task and comes back on its state. */
  public static Scenario platformRestart() {
    return scenario("platform-restart");
  }

  /** The agent cannot reach its platform for a while. */
  public static Scenario platformPartition() {
    return scenario("platform-partition");
  }

  /** The agent's network goes away as the CRM commits the order: its answer is lost, and so is every service. */
  public static Scenario agentNetworkDisconnect() {
    return scenario("agent-network-disconnect");
  }

  /** The agent's client secret rotates as it starts working and again while it waits for approval. */
  public static Scenario clientSecretRotation() {
    return scenario("client-secret-rotation");
  }

  /** The identity provider is down when the agent's short-lived token needs refreshing after approval. */
  public static Scenario idpOutageDuringRefresh() {
    return scenario("idp-outage-during-refresh");
  }

  /** The signing key rotates while the task awaits approval; the old key stays published for 5 s. */
  public static Scenario signingKeyRotation() {
    return scenario("signing-key-rotation");
  }

  /** The signing key rotates while the task awaits approval and the old key is withdrawn at once. */
  public static Scenario signingKeyRotationNoGrace() {
    return scenario("signing-key-rotation-no-grace");
  }

  /** Delegated tokens live 2 s and the approval takes 3 s: the token expires mid-task. */
  public static Scenario tokenExpiryMidTask() {
    return scenario("token-expiry-mid-task");
  }

  /** The user revokes the delegation while the task awaits approval: no write may follow. */
  public static Scenario delegationRevoked() {
    return scenario("delegation-revoked");
  }

  /** The user withdraws crm.write while the task awaits approval. */
  public static Scenario scopeWithdrawn() {
    return scenario("scope-withdrawn");
  }

  /**
   * An upstream agent hands the task over with its own delegated token (token passthrough), in the same
   * environment as the agent under test.
   */
  public static Scenario crossAgentToken() {
    return scenario("cross-agent-token");
  }

  /** The identity provider's clock runs 30 s behind. */
  public static Scenario clockSkew() {
    return scenario("clock-skew");
  }
}
