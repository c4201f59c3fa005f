package dev.crashtest.agents.temporal;

import dev.crashtest.agents.StepExecutor;
import dev.crashtest.agents.TaskRuntime;
import dev.crashtest.agents.TaskRuntimeProvider;
import dev.crashtest.agents.TaskWorkflow;
import dev.crashtest.agents.temporal.internal.TemporalSettings;
import dev.crashtest.agents.temporal.internal.TemporalTaskRuntime;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code --runtime temporal}: every task a Temporal workflow, every model and tool call an activity, the approval
 * gate a signal, the status a query. The agent process is the worker; the platform (e.g.
 * {@link TemporalPlatformMain}) is at {@code CRASHTEST_PLATFORM_ADDRESS}, namespace {@code default}.
 *
 * <pre>{@code
 * CRASHTEST_PLATFORM_ADDRESS=127.0.0.1:7233 java -cp ... dev.crashtest.agents.ProcurementAgentMain --runtime temporal
 * }</pre>
 */
public final class TemporalRuntimeProvider implements TaskRuntimeProvider {
  /** Where the Temporal frontend is, {@code host:port}. */
  public static final String ADDRESS_VARIABLE = "CRASHTEST_PLATFORM_ADDRESS";
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  @Override
  public String name() {
    return "temporal";
  }

  @Override
  public TaskRuntime create(TaskWorkflow workflow, Path stateDir, Map<String, String> environment) {
    String address = environment.get(ADDRESS_VARIABLE);
    if (address == null || address.isBlank()) {
      throw new IllegalArgumentException("missing environment variable [" + ADDRESS_VARIABLE + "]; the temporal"
          + " runtime needs the Temporal frontend's host:port (for example: " + ADDRESS_VARIABLE + "=127.0.0.1:7233)");
    }
    StepExecutor executor = workflow.stepExecutor().orElseThrow(() -> new IllegalArgumentException(
        "the temporal runtime runs steps as activities and needs a workflow whose steps are described as data"
            + " (TaskWorkflow.stepExecutor() is empty)"));
    WorkflowServiceStubs stubs;
    try {
      stubs = WorkflowServiceStubs.newConnectedServiceStubs(WorkflowServiceStubsOptions.newBuilder()
          .setTarget(address.trim())
          .setRpcQueryTimeout(TemporalSettings.QUERY_TIMEOUT)
          .build(), CONNECT_TIMEOUT);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot reach Temporal at [" + address.trim() + "] (" + ADDRESS_VARIABLE
          + ") within " + CONNECT_TIMEOUT.toSeconds() + " s: " + e.getMessage()
          + "; is the platform running? (for example: java -cp ... " + TemporalPlatformMain.class.getName()
          + " --port 7233 --admin-port 0 --state-dir /tmp/temporal)", e);
    }
    return TemporalTaskRuntime.start(stubs, workflow, executor, stubs::shutdownNow);
  }
}
