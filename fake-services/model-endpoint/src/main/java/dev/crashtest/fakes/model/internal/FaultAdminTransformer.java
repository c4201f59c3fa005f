package dev.crashtest.fakes.model.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.crashtest.fakes.InjectedFault;
import java.util.Optional;

/**
 * The fault admin API, for a model endpoint running in its own process or container:
 * {@code POST /__crashtest/faults} injects ({@code 201 {"id", "type", "description"}}),
 * {@code GET /__crashtest/faults} lists the active ones, {@code DELETE /__crashtest/faults/{id}} heals one and
 * {@code DELETE /__crashtest/faults} heals all ({@code 204}). A bad request gets
 * {@code 400 {"error": "invalid_fault", "field", "message"}} with a one-line message listing the known types.
 *
 * <pre>{@code
 * curl -X POST localhost:41001/__crashtest/faults -d '{"type": "rate_limited", "retryAfterSeconds": 2, "forRequests": 3}'
 * }</pre>
 */
final class FaultAdminTransformer extends ScriptedTransformer {
  static final String NAME = "crashtest-fault-admin";
  static final String PATH = "/__crashtest/faults";

  private final FaultBook faults;

  FaultAdminTransformer(FaultBook faults) {
    super(NAME);
    this.faults = faults;
  }

  @Override
  ResponseDefinition answer(Request request, ResponseDefinition stub, ResponseDefinitionBuilder response) {
    String path = path(request);
    String method = request.getMethod().getName();
    if (path.equals(PATH) || path.equals(PATH + "/")) {
      return switch (method) {
        case "POST" -> inject(request.getBodyAsString(), response);
        case "GET" -> json(response, 200, list());
        case "DELETE" -> {
          faults.healAll();
          yield response.withStatus(204).build();
        }
        default -> notAllowed(response, method, path, "GET, POST, DELETE");
      };
    }
    String id = path.substring(PATH.length() + 1);
    if (!method.equals("DELETE")) {
      return notAllowed(response, method, path, "DELETE");
    }
    Optional<InjectedFault> fault = faults.find(id);
    if (fault.isEmpty()) {
      return error(response, 404, "unknown_fault", "id", "model: no active fault [" + id + "]; active: "
          + faults.active().stream().map(InjectedFault::id).toList() + " (a healed or used-up fault is gone)");
    }
    fault.get().heal();
    return response.withStatus(204).build();
  }

  private ResponseDefinition inject(String body, ResponseDefinitionBuilder response) {
    try {
      FaultPlan plan = FaultTypes.parse(Json.tryParse(body).orElse(null));
      return json(response, 201, describe(faults.inject(plan)));
    } catch (InvalidFaultException e) {
      return error(response, 400, "invalid_fault", e.field(), e.getMessage() + "; " + FaultTypes.known());
    }
  }

  private ArrayNode list() {
    ArrayNode list = Json.MAPPER.createArrayNode();
    faults.active().forEach(fault -> list.add(describe(fault).put("hits", fault.hits())));
    return list;
  }

  private static ObjectNode describe(InjectedFault fault) {
    return Json.object().put("id", fault.id()).put("type", FaultBook.type(fault))
        .put("description", fault.description());
  }

  private static ResponseDefinition notAllowed(ResponseDefinitionBuilder response, String method, String path,
      String allowed) {
    return error(response.withHeader("Allow", allowed), 405, "method_not_allowed", null,
        "model: [" + method + " " + path + "] is not allowed; use " + allowed);
  }

  private static ResponseDefinition error(ResponseDefinitionBuilder response, int status, String code, String field,
      String message) {
    ObjectNode body = Json.object().put("error", code);
    if (field != null) {
      body.put("field", field);
    }
    body.put("message", message);
    return json(response, status, body);
  }

  private static ResponseDefinition json(ResponseDefinitionBuilder response, int status, JsonNode body) {
    return json(response, status, Json.write(body));
  }
}
