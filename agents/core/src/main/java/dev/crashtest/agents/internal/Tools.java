package dev.crashtest.agents.internal;

import dev.langchain4j.agent.tool.ToolSpecification;
import java.util.List;

/**
 * How the agent runs a workload's tools: {@link WorkloadTools} makes each tool's HTTP call on its service (REST, the
 * contract's section 3.3), {@link McpTools} calls it on an MCP server ({@code HARNESS_MCP_URL}, section 3.4). The
 * runtimes see neither: a tool call is the same durable step, with the same idempotency key
 * {@code {taskId}/{step}/{tool}}, whichever runs it. Gates ({@code request_approval}) are never run here: waiting for
 * a human is a matter of the durability layer.
 *
 * <pre>{@code
 * Tools tools = config.mcpUrl() == null ? new WorkloadTools(workload, clients)
 *     : McpTools.connect(workload, config.mcpUrl(), config.mcpToolTimeout(), Sleeper.SYSTEM);
 * List<ToolSpecification> offered = tools.specifications("T-1", tokens);
 * String result = tools.execute(new ToolCall("T-1", 2, "create_quote", arguments), tokens);
 * }</pre>
 */
public interface Tools extends AutoCloseable {

  /** The workload: its model, instructions and gate tools. */
  Workload workload();

  /**
   * The tools offered to the model for one turn of task {@code taskId}: the workload's own (REST), or what the MCP
   * server lists now plus the workload's gate tools (MCP).
   */
  List<ToolSpecification> specifications(String taskId, TaskTokens tokens)
      throws ServiceFailedException, TokenExchangeException, InterruptedException;

  /**
   * Runs the call and returns its tool result as a JSON string: the service's JSON answer, or {@code {"error": ...}}
   * for the model to read (a refusal, an unknown tool, missing arguments).
   *
   * @throws ServiceFailedException when the task cannot go on: every retry failed, or the agent lost its authority
   */
  String execute(ToolCall call, TaskTokens tokens)
      throws ServiceFailedException, TokenExchangeException, InterruptedException;

  /** Releases what the tools hold (MCP sessions); nothing by default. */
  @Override
  default void close() {}
}
