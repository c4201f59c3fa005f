package dev.crashtest.fakes.model.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.crashtest.fakes.InjectedFault;

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
final class ToolRenameAdminTransformer extends AdminCollectionTransformer {
  static final String NAME = "crashtest-tool-rename-admin";
  static final String PATH = "/__crashtest/tool-renames";

  private final ToolRenames renames;

  ToolRenameAdminTransformer(ToolRenames renames) {
    super(NAME, PATH, "unknown_rename", renames);
    this.renames = renames;
  }

  @Override
  ResponseDefinition add(String body, ResponseDefinitionBuilder response) {
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

  @Override
  ObjectNode describe(InjectedFault rename) {
    return Json.object().put("id", rename.id()).put("description", rename.description());
  }

  @Override
  String noun() {
    return "tool rename";
  }
}
