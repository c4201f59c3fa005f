package dev.crashtest.agents.dbos;

import dev.crashtest.agents.TaskRuntime;
import dev.crashtest.agents.TaskRuntimeProvider;
import dev.crashtest.agents.TaskWorkflow;
import dev.crashtest.agents.dbos.internal.DbosTaskRuntime;
import dev.crashtest.agents.dbos.internal.PlatformAddress;
import dev.crashtest.agents.dbos.internal.PostgresProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code dbos} runtime: every task a DBOS workflow whose checkpoints live in PostgreSQL at
 * {@code CRASHTEST_PLATFORM_ADDRESS} (user, password and database {@code crashtest}), so a restarted agent resumes
 * its tasks where they stopped. Found by {@link java.util.ServiceLoader} when this module is on the class path.
 *
 * <pre>{@code
 * CRASHTEST_PLATFORM_ADDRESS=127.0.0.1:41010 \
 *   java -cp <agents/dbos class path> dev.crashtest.agents.ProcurementAgentMain --runtime dbos
 * }</pre>
 *
 * <p>The DBOS executor id is {@code HARNESS_AGENT_CLIENT_ID} (or {@value #DEFAULT_EXECUTOR_ID}): stable across
 * restarts, so {@code dbos.launch()} recovers exactly this agent's pending workflows.
 */
public final class DbosRuntimeProvider implements TaskRuntimeProvider {
  static final String DEFAULT_EXECUTOR_ID = "crashtest-agent";
  /** How long a starting agent waits for PostgreSQL to accept connections. */
  static final Duration PLATFORM_WAIT = Duration.ofSeconds(30);

  @Override
  public String name() {
    return "dbos";
  }

  /**
   * @throws IllegalArgumentException with one line when {@code CRASHTEST_PLATFORM_ADDRESS} is missing or malformed,
   *     or PostgreSQL does not accept connections within {@link #PLATFORM_WAIT}
   */
  @Override
  public TaskRuntime create(TaskWorkflow workflow, Path stateDir, Map<String, String> environment) {
    PlatformAddress address = PlatformAddress.fromEnvironment(environment);
    PostgresProbe.awaitAccepting(address, PLATFORM_WAIT);
    String executorId = environment.getOrDefault("HARNESS_AGENT_CLIENT_ID", DEFAULT_EXECUTOR_ID);
    return DbosTaskRuntime.launch(workflow, address, executorId.isBlank() ? DEFAULT_EXECUTOR_ID : executorId);
  }
}
