package dev.crashtest.agents.temporal.internal;

import dev.crashtest.agents.StepCall;
import dev.crashtest.agents.StepExecutor;
import dev.crashtest.agents.TaskRequest;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each step with the workflow's {@link StepExecutor}, heartbeating while it runs so that Temporal notices a
 * killed worker within {@link TemporalSettings#HEARTBEAT_TIMEOUT}. A step that fails fails for good (the executor
 * already retried as the contract says); a step interrupted by shutdown is retried by the next worker.
 *
 * <pre>{@code
 * worker.registerActivitiesImplementations(new StepActivitiesImpl(agent.stepExecutor().orElseThrow()));
 * }</pre>
 */
public final class StepActivitiesImpl implements StepActivities, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StepActivitiesImpl.class);

  private final StepExecutor executor;
  private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "step-heartbeats");
    thread.setDaemon(true);
    return thread;
  });

  public StepActivitiesImpl(StepExecutor executor) {
    this.executor = executor;
  }

  @Override
  public String run(TaskRequest task, StepCall call) {
    ActivityExecutionContext activity = Activity.getExecutionContext();
    int attempt = activity.getInfo().getAttempt();
    if (attempt > 1) {
      LOG.info("task={} step={} attempt={} (its earlier attempt's worker stopped)", task.taskId(), call.name(), attempt);
    }
    long every = TemporalSettings.HEARTBEAT_INTERVAL.toMillis();
    ScheduledFuture<?> beating = heartbeats.scheduleAtFixedRate(() -> heartbeat(activity), every, every,
        TimeUnit.MILLISECONDS);
    try {
      return executor.execute(task, call);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("step [" + call.name() + "] interrupted: the worker is stopping",
          "Interrupted");
    } catch (Exception e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw ApplicationFailure.newNonRetryableFailure(why, e.getClass().getSimpleName());
    } finally {
      beating.cancel(false);
    }
  }

  private static void heartbeat(ActivityExecutionContext activity) {
    try {
      activity.heartbeat(null);
    } catch (ActivityCompletionException e) {
      // The activity timed out or was cancelled meanwhile; its result will be ignored, nothing more to say.
    }
  }

  @Override
  public void close() {
    heartbeats.shutdownNow();
  }
}
