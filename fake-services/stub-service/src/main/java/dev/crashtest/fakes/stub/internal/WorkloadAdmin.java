package dev.crashtest.fakes.stub.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * An agent's own address over HTTP, as the CRM serves it: {@code POST /__crashtest/workloads {"agent":"naive-agent"}}
 * answers 201 {@code {"agent":"naive-agent","url":"http://127.0.0.1:41877"}}; the same agent always gets the same url.
 */
final class WorkloadAdmin extends OperatorEndpoint {
  static final String PATH = "/__crashtest/workloads";
  private static final String EXAMPLE = "e.g. {\"agent\":\"naive-agent\"}";

  private final Function<String, URI> workloadUrl;

  WorkloadAdmin(Function<String, URI> workloadUrl) {
    this.workloadUrl = workloadUrl;
  }

  @Override
  StubAnswer answer(String method, String path, byte[] body) {
    if (!path.equals(PATH) && !path.equals(PATH + "/")) {
      return StubAnswer.error(404, "not_found", "no workload endpoint [" + method + " " + path + "]; use POST "
          + PATH);
    }
    if (!method.equals("POST")) {
      return notAllowed(path, "POST");
    }
    ObjectNode json = object(body, EXAMPLE);
    json.fieldNames().forEachRemaining(field -> {
      if (!field.equals("agent")) {
        throw new IllegalArgumentException("stub-service: field [" + field + "] is not taken here, which takes"
            + " [agent], " + EXAMPLE);
      }
    });
    JsonNode agent = json.path("agent");
    if (!agent.isTextual() || agent.asText().isBlank()) {
      throw new IllegalArgumentException("stub-service: field [agent] must be the agent's client id, got " + agent
          + ", " + EXAMPLE);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("agent", agent.asText());
    answer.put("url", workloadUrl.apply(agent.asText()).toString());
    return json(201, answer);
  }
}
