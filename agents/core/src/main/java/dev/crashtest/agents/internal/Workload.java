package dev.crashtest.agents.internal;

import dev.langchain4j.agent.tool.ToolSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an agent needs of a workload: the model name, the system prompt and the tools with the HTTP call each
 * makes. Procurement, built in, is {@link #procurement()}; any other comes from {@code HARNESS_WORKLOAD_FILE}
 * ({@link WorkloadFile}). The agent has one code path for both.
 *
 * <pre>{@code
 * Workload workload = Workload.procurement();
 * workload.tool("create_quote").orElseThrow().isWrite(); // true
 * workload.scopes("crm");                                 // [crm.read, crm.write]
 * }</pre>
 *
 * @param name the workload's name, e.g. {@code procurement}
 * @param model the model id sent with every chat completion
 * @param instructions the system prompt
 * @param tools the tools in the order they are sent to the model
 */
public record Workload(String name, String model, String instructions, List<WorkloadTool> tools) {
  /** The system prompt of a workload whose file gives none. */
  static final String GENERIC_INSTRUCTIONS =
      "You are an agent. Use the tools to fulfil the user's goal, then summarise what you did.";
  static final String PROCUREMENT_INSTRUCTIONS = "You are a procurement agent. Use the tools to fulfil the user's "
      + "goal: read the account, create a quote, request approval, place the order, add a note, then summarise.";

  public Workload {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(instructions, "instructions");
    tools = List.copyOf(tools);
  }

  /** The procurement workload of the contract's section 3, as data: the five tools on the service {@code crm}. */
  public static Workload procurement() {
    Map<String, ToolSpecification> specs = new LinkedHashMap<>();
    ProcurementTools.all().forEach(spec -> specs.put(spec.name(), spec));
    return new Workload("procurement", LangChainModelGateway.MODEL_NAME, PROCUREMENT_INSTRUCTIONS, List.of(
        WorkloadTool.http(specs.get(ProcurementTools.GET_ACCOUNT), "crm", "GET", "/accounts/{account_id}", null,
            "crm.read"),
        WorkloadTool.http(specs.get(ProcurementTools.CREATE_QUOTE), "crm", "POST", "/quotes",
            Json.object().put("accountId", "{account_id}").put("sku", "{sku}").put("quantity", "{quantity}"),
            "crm.write"),
        WorkloadTool.gate(specs.get(ProcurementTools.REQUEST_APPROVAL)),
        WorkloadTool.http(specs.get(ProcurementTools.PLACE_ORDER), "crm", "POST", "/orders",
            Json.object().put("quoteId", "{quote_id}"), "crm.write"),
        WorkloadTool.http(specs.get(ProcurementTools.ADD_NOTE), "crm", "POST", "/accounts/{account_id}/notes",
            Json.object().put("text", "{text}"), "crm.write")));
  }

  public Optional<WorkloadTool> tool(String toolName) {
    return tools.stream().filter(tool -> tool.name().equals(toolName)).findFirst();
  }

  /** The tool definitions sent to the model. */
  public List<ToolSpecification> specifications() {
    return tools.stream().map(WorkloadTool::specification).toList();
  }

  /** The services the tools call, in the order they first appear. */
  public List<String> services() {
    return tools.stream().filter(tool -> !tool.gate()).map(WorkloadTool::service).distinct().toList();
  }

  /** The scopes every tool declares, each once, in tool order: what an MCP token asks for (section 3.4). */
  public List<String> scopes() {
    return scopesOf(tools.stream().filter(tool -> !tool.gate()).toList());
  }

  /**
   * The scopes the tools on {@code service} declare, each once, in tool order: what the token exchange for that
   * service asks for. Empty when none declares one (the exchange then sends no {@code scope}).
   */
  public List<String> scopes(String service) {
    return scopesOf(tools.stream().filter(tool -> !tool.gate() && tool.service().equals(service)).toList());
  }

  private static List<String> scopesOf(List<WorkloadTool> tools) {
    List<String> scopes = new ArrayList<>();
    for (WorkloadTool tool : tools) {
      if (tool.scope() != null) {
        for (String scope : tool.scope().trim().split("\\s+")) {
          if (!scope.isEmpty() && !scopes.contains(scope)) {
            scopes.add(scope);
          }
        }
      }
    }
    return scopes;
  }
}
