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
 * The tool-rename admin API, for a model endpoint in its own process or container (what {@code
 * ModelEndpoint.renameTool} does in a JVM): {@code POST /__crashtest/tool-renames {"from", "to"}} answers {@code 201
 * {"id", "description"}}; {@code GET} lists the active ones ({@code [{"id", "description", "hits"}]}, as the fault
 * API); {@code DELETE /__crashtest/tool-renames/{id}} heals one, {@code DELETE /__crashtest/tool-renames} all ({@code
 * 204}). A bad body gets {@code 400 {"error": "invalid_rename", "field", "message"}}.
 *
 * <pre>{@code
 * curl -X POST localhost:41001/__crashtest/tool-renames -d '{"from": "place_order", "to": "submit_order"}'
 * }</pre>
 */
final class ToolRenameAdminTransformer extends ScriptedTransformer {
  static final String NAME = "crashtest-tool-rename-admin";
  static final String PATH = "/__crashtest/tool-renames";

  private final ToolRenames renames;

  ToolRenameAdminTransformer(ToolRenames renames) {
    super(NAME);
    this.renames = renames;
  }

  @Override
  ResponseDefinition answer(Request request, ResponseDefinition stub, ResponseDefinitionBuilder response) {
    String path = path(request);
    String method = request.getMethod().getName();
    if (path.equals(PATH) || path.equals(PATH + "/")) {
      return switch (method) {
        case "POST" -> add(request.getBodyAsString(), response);
        case "GET" -> json(response, 200, list());
        case "DELETE" -> {
          renames.healAll();
          yield response.withStatus(204).build();
        }
        default -> notAllowed(response, method, path, "GET, POST, DELETE");
      };
    }
    String id = path.substring(PATH.length() + 1);
    if (!method.equals("DELETE")) {
      return notAllowed(response, method, path, "DELETE");
    }
    Optional<InjectedFault> rename = renames.find(id);
    if (rename.isEmpty()) {
      return error(response, 404, "unknown_rename", "id", "model: no active tool rename [" + id + "]; active: "
          + renames.active().stream().map(InjectedFault::id).toList());
    }
    rename.get().heal();
    return response.withStatus(204).build();
  }

  private ResponseDefinition add(String body, ResponseDefinitionBuilder response) {
    JsonNode json = Json.tryParse(body).orElse(null);
    if (json == null || !json.isObject()) {
      return error(response, 400, "invalid_rename", null, "model: a tool rename is a JSON object, e.g. "
          + "{\"from\": \"place_order\", \"to\": \"submit_order\"}");
    }
    for (String field : new String[] {"from", "to"}) {
      if (!json.path(field).isTextual() || json.get(field).asText().isBlank()) {
        return error(response, 400, "invalid_rename", field, "model: field [" + field + "] must be a tool name, "
            + "e.g. {\"from\": \"place_order\", \"to\": \"submit_order\"}");
      }
    }
    return json(response, 201, describe(renames.add(json.get("from").asText(), json.get("to").asText())));
  }

  private ArrayNode list() {
    ArrayNode list = Json.MAPPER.createArrayNode();
    renames.active().forEach(rename -> list.add(describe(rename).put("hits", rename.hits())));
    return list;
  }

  private static ObjectNode describe(InjectedFault rename) {
    return Json.object().put("id", rename.id()).put("description", rename.description());
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
    return json(response, status, Json.write(body));
  }

  private static ResponseDefinition json(ResponseDefinitionBuilder response, int status, JsonNode body) {
    return json(response, status, Json.write(body));
  }
}
