package dev.crashtest.agents.restate.internal;

/**
 * What Restate journals for one step: its result, or why it failed. A step's own failure (the model or the CRM
 * still failing after the agent's retries) is recorded like a result, so the task ends {@code FAILED} as on every
 * other runtime instead of Restate retrying the invocation forever.
 *
 * <pre>{@code
 * StepOutcome outcome = StepOutcome.ok("{\"accountId\":\"ACME-001\"}");
 * }</pre>
 *
 * @param value the step's result when it succeeded, else {@code null}
 * @param error why it failed, else {@code null}
 */
public record StepOutcome(String value, String error) {

  public static StepOutcome ok(String value) {
    return new StepOutcome(value, null);
  }

  public static StepOutcome failed(String error) {
    return new StepOutcome(null, error);
  }
}
