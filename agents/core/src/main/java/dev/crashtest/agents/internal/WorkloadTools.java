package dev.crashtest.agents.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The generic tool runner (contract, section 3.3): runs a workload tool as its HTTP call and turns the answer into
 * the tool result the model sees: the response's JSON body on success, {@code {"error": <body>}} on a {@code 4xx}.
 * A write (POST, PUT, PATCH, DELETE) carries {@code Idempotency-Key: {taskId}/{step}/{tool}}. Gates are not run
 * here: waiting for a human is a matter of the durability layer.
 *
 * <pre>{@code
 * WorkloadTools tools = new WorkloadTools(workload, Map.of("orders", ordersClient));
 * String result = tools.execute(new ToolCall("T-1", 1, "get_order", "{\"order_id\":\"ORD-1001\"}"), tokens);
 * }</pre>
 */
public final class WorkloadTools implements Tools {
  private final Workload workload;
  private final Map<String, ServiceClient> clients;

  /**
   * @param clients a client for every service a tool of {@code workload} calls
   * @throws IllegalArgumentException naming a service without a client
   */
  public WorkloadTools(Workload workload, Map<String, ? extends ServiceClient> clients) {
    this.workload = workload;
    this.clients = Map.copyOf(clients);
    for (String service : workload.services()) {
      if (!this.clients.containsKey(service)) {
        throw new IllegalArgumentException("workload [" + workload.name() + "]: no client for service ["
            + service + "]; known: " + this.clients.keySet());
      }
    }
  }

  @Override
  public Workload workload() {
    return workload;
  }

  /** The workload's tools, in file order, gates included. */
  @Override
  public List<ToolSpecification> specifications(String taskId, TaskTokens tokens) {
    return workload.specifications();
  }

  /** Runs the call and returns its tool result as a JSON string. */
  @Override
  public String execute(ToolCall call, TaskTokens tokens)
      throws ServiceFailedException, TokenExchangeException, InterruptedException {
    Optional<WorkloadTool> found = workload.tool(call.tool()).filter(tool -> !tool.gate());
    if (found.isEmpty()) {
      return toolError("unknown_tool", "no tool named [" + call.tool() + "]");
    }
    WorkloadTool tool = found.get();
    JsonNode args = Json.parseLenient(call.arguments());
    String path;
    String body;
    try {
      path = HttpTemplate.path(tool.path(), args);
      JsonNode rendered = tool.sendsBody() ? HttpTemplate.body(tool.body(), args, required(tool)) : null;
      body = rendered == null ? null : Json.write(rendered);
    } catch (HttpTemplate.MissingArgumentException e) {
      return toolError("invalid_arguments", e.getMessage());
    }
    String key = tool.isWrite() ? call.idempotencyKey() : null;
    ServiceResponse response = clients.get(tool.service())
        .call(tool.method(), path, body, key, tokens.forService(tool.service()));
    if (response.isSuccess()) {
      return response.body() == null || response.body().isBlank() ? "{}" : response.body();
    }
    return Json.write(Json.object().set("error", Json.parseLenient(response.body())));
  }

  private static Set<String> required(WorkloadTool tool) {
    JsonObjectSchema schema = tool.specification().parameters();
    return schema == null || schema.required() == null ? Set.of() : new HashSet<>(schema.required());
  }

  static String toolError(String code, String message) {
    ObjectNode error = Json.object().put("error", code).put("message", message);
    return Json.write(Json.object().set("error", error));
  }
}
