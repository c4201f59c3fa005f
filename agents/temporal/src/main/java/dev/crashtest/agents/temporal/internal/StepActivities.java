package dev.crashtest.agents.temporal.internal;

import dev.crashtest.agents.StepCall;
import dev.crashtest.agents.TaskRequest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Every step of a task, model call or tool call, as one Temporal activity: recorded in the history once it
 * completes, answered from there on replay, and run again only when the worker running it died first.
 *
 * <pre>{@code
 * StepActivities steps = Workflow.newActivityStub(StepActivities.class, TemporalSettings.stepOptions());
 * String answer = steps.run(request, StepCall.model("model/1", conversationJson));
 * }</pre>
 */
@ActivityInterface
public interface StepActivities {

  /** Runs the step and returns its result; {@code call.name()} becomes the activity's summary in logs. */
  @ActivityMethod(name = "Step")
  String run(TaskRequest task, StepCall call);
}
