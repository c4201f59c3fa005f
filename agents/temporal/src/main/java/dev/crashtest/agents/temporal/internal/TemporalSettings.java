package dev.crashtest.agents.temporal.internal;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;

/**
 * The Temporal names and timeouts of the agent, chosen for fast recovery after {@code kill -9}: a dead worker's
 * activity is noticed by its missing heartbeat within {@link #HEARTBEAT_TIMEOUT}, its workflow task within
 * {@link #WORKFLOW_TASK_TIMEOUT}, and both are then retried by whichever worker polls next.
 *
 * <pre>{@code
 * StepActivities steps = Workflow.newActivityStub(StepActivities.class, TemporalSettings.stepOptions());
 * }</pre>
 */
public final class TemporalSettings {
  /** The namespace the test server creates and the agent uses. */
  public static final String NAMESPACE = "default";
  /** The task queue every agent process polls. */
  public static final String TASK_QUEUE = "crashtest-procurement";
  /** A step whose worker stops heartbeating for this long is retried elsewhere. */
  public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(1);
  /**
   * How often a running step heartbeats, and the worker's heartbeat throttle: by default the SDK sends at most one
   * heartbeat per 80 % of the timeout, which leaves a stalled-for-200-ms worker looking dead.
   */
  public static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(200);
  /** The longest one step may run: a model call with its 5 retries, each up to 60 s, and their waits. */
  public static final Duration STEP_START_TO_CLOSE = Duration.ofMinutes(10);
  /** A workflow task (replaying the history and deciding the next step) held by a dead worker is retried after this. */
  public static final Duration WORKFLOW_TASK_TIMEOUT = Duration.ofSeconds(2);
  /** How long workflow code may run without yielding before the SDK calls it a deadlock (SDK default: 1 s). */
  public static final Duration DEADLOCK_DETECTION = WORKFLOW_TASK_TIMEOUT;
  /** How long {@code GET /tasks/{id}} waits for a worker to answer the status query before it says RUNNING. */
  public static final Duration QUERY_TIMEOUT = Duration.ofSeconds(2);

  private TemporalSettings() {}

  /** The worker's options; see the constants for why each value. */
  public static WorkerOptions workerOptions() {
    return WorkerOptions.newBuilder()
        // Without this the test server leaves a workflow stuck on the dead worker's sticky queue after a crash.
        .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
        .setMaxHeartbeatThrottleInterval(HEARTBEAT_INTERVAL)
        .setDefaultHeartbeatThrottleInterval(HEARTBEAT_INTERVAL)
        .setDefaultDeadlockDetectionTimeout(DEADLOCK_DETECTION.toMillis())
        .build();
  }

  /**
   * Steps retry only when their worker died or stalled (timeouts): a step that fails has already used the
   * agent's own retries (contract, section 3), so it is non-retryable and fails the task, as on every runtime.
   */
  public static ActivityOptions stepOptions() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(STEP_START_TO_CLOSE)
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofMillis(100))
            .setBackoffCoefficient(2)
            .setMaximumInterval(Duration.ofSeconds(1))
            .setMaximumAttempts(0)
            .build())
        .build();
  }
}
