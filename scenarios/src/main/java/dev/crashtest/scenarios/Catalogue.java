package dev.crashtest.scenarios;

import static dev.crashtest.scenario.Faults.killAgent;
import static dev.crashtest.scenario.Triggers.agentEnters;
import static dev.crashtest.scenario.Triggers.crmCommitted;

import dev.crashtest.scenario.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The scenarios Crashtest ships, by name.
 *
 * <pre>{@code
 * Scenario scenario = Catalogue.named("crash-after-place-order").orElseThrow();
 * }</pre>
 */
public final class Catalogue {
  static final Duration RESTART_DELAY = Duration.ofMillis(200);
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private Catalogue() {}

  public static List<Scenario> all() {
    return List.of(happyPath(), crashBeforeCreateQuote(), crashAfterPlaceOrder(), crashAfterPlaceOrderRedelivered());
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
}
