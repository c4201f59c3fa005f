package dev.crashtest.agents.internal;

import dev.crashtest.agents.StepExecutor;
import dev.crashtest.agents.TaskContext;
import dev.crashtest.agents.TaskWorkflow;
import java.util.Optional;
import java.util.function.Function;

/**
 * The procurement task (contract, section 3): the {@link WorkloadAgent} over {@link Workload#procurement()} with
 * one CRM client and one delegated token per task. The agent process builds the same thing from the workload
 * data; this is the short form for tests and embedders.
 *
 * <pre>{@code
 * TaskWorkflow agent = new ProcurementAgent(model, new CrmTools(crm), userToken -> new TokenSource(exchange, userToken, clock));
 * }</pre>
 */
public final class ProcurementAgent implements TaskWorkflow {
  static final int MAX_TURNS = WorkloadAgent.MAX_TURNS;

  private final WorkloadAgent agent;

  public ProcurementAgent(ModelGateway model, CrmTools tools, Function<String, TokenSource> tokensForUser) {
    this.agent = new WorkloadAgent(model, tools.tools(), userToken -> {
      TokenSource tokens = tokensForUser.apply(userToken);
      return service -> tokens;
    });
  }

  @Override
  public String run(TaskContext context) throws Exception {
    return agent.run(context);
  }

  @Override
  public Optional<StepExecutor> stepExecutor() {
    return agent.stepExecutor();
  }
}
