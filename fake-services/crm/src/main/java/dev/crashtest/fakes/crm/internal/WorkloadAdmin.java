package dev.crashtest.fakes.crm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * {@link dev.crashtest.fakes.crm.CrmServer#workloadUrl(String)} over HTTP, for a CRM in its own process or
 * container. No authentication: an operator endpoint, like {@code /__crashtest/faults}, never faulted or audited.
 *
 * <pre>{@code
 * POST /__crashtest/workloads  {"agent":"naive-agent"}
 *                              -> 201 {"agent":"naive-agent","url":"http://127.0.0.1:41877"}   same agent, same url
 * }</pre>
 *
 * <p>A bad body answers 400 {@code {"error":"invalid_request","message":...}}, one line naming the field.
 */
final class WorkloadAdmin extends OperatorEndpoint {
  static final String PATH = "/__crashtest/workloads";
  private static final String EXAMPLE = "e.g. {\"agent\":\"naive-agent\"}";

  private final Function<String, URI> workloadUrl;

  WorkloadAdmin(Function<String, URI> workloadUrl) {
    this.workloadUrl = workloadUrl;
  }

  @Override
  Response answer(String method, String path, byte[] body) {
    if (!path.equals(PATH) && !path.equals(PATH + "/")) {
      throw ApiError.notFound("no workload endpoint [" + method + " " + path + "]; use POST " + PATH);
    }
    if (!method.equals("POST")) {
      return Response.error(405, "method_not_allowed", "[" + path + "] answers only POST", Map.of("Allow", "POST"));
    }
    String agent = agent(body);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("agent", agent);
    answer.put("url", workloadUrl.apply(agent).toString());
    return Response.ok(201, answer, null);
  }

  private static String agent(byte[] body) {
    ObjectNode json;
    try {
      json = Json.readObject(body);
    } catch (ApiError notAnObject) {
      throw ApiError.invalidRequest("crm: body must be a JSON object, " + EXAMPLE);
    }
    json.fieldNames().forEachRemaining(field -> {
      if (!field.equals("agent")) {
        throw ApiError.invalidRequest("crm: field [" + field + "] is not taken here, which takes [agent], " + EXAMPLE);
      }
    });
    JsonNode agent = json.get("agent");
    if (agent == null || agent.isNull()) {
      throw ApiError.invalidRequest("crm: missing field [agent], " + EXAMPLE);
    }
    if (!agent.isTextual() || agent.asText().isBlank()) {
      throw ApiError.invalidRequest("crm: field [agent] must be the agent's client id, got " + agent + ", " + EXAMPLE);
    }
    return agent.asText();
  }
}
