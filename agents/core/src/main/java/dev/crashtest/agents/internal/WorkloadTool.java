package dev.crashtest.agents.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One tool of a workload: what the model is told ({@link #specification()}) and what the agent does when the model
 * calls it: wait for a human ({@link #gate()}), or make one HTTP call on a service (contract, section 3.3).
 *
 * <pre>{@code
 * WorkloadTool getOrder = WorkloadTool.http(spec, "orders", "GET", "/orders/{order_id}", null, "orders.read");
 * getOrder.isWrite(); // false: no Idempotency-Key
 * }</pre>
 *
 * @param specification name, description and parameters, as sent to the model
 * @param service the service it calls; {@code null} for a gate
 * @param method the HTTP method, upper case; {@code null} for a gate
 * @param path the path template, e.g. {@code /orders/{order_id}}; {@code null} for a gate
 * @param body the JSON body template, or {@code null} (never sent with GET or DELETE)
 * @param gate whether this is the human approval gate
 * @param scope the scope the call needs, or {@code null} when the workload does not say
 */
public record WorkloadTool(ToolSpecification specification, String service, String method, String path,
    JsonNode body, boolean gate, String scope) {
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

  public WorkloadTool {
    Objects.requireNonNull(specification, "specification");
    if (!gate) {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(path, "path");
      method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
    }
  }

  /** A tool that makes one HTTP call on {@code service}. */
  public static WorkloadTool http(ToolSpecification specification, String service, String method, String path,
      JsonNode body, String scope) {
    return new WorkloadTool(specification, service, method, path, body, false, scope);
  }

  /** The human approval gate: {@code AWAITING_APPROVAL} until approved. */
  public static WorkloadTool gate(ToolSpecification specification) {
    return new WorkloadTool(specification, null, null, null, null, true, null);
  }

  public String name() {
    return specification.name();
  }

  /** POST, PUT, PATCH and DELETE are writes: they carry {@code Idempotency-Key: {taskId}/{step}/{tool}}. */
  public boolean isWrite() {
    return !gate && WRITES.contains(method);
  }

  /** Whether a body is sent: a write other than DELETE whose template is not empty. */
  public boolean sendsBody() {
    return isWrite() && !"DELETE".equals(method) && body != null && !body.isNull();
  }
}
