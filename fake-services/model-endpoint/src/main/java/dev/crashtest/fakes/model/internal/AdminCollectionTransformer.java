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
 * An admin collection of things that act until healed, at {@code path}: {@code POST} adds one ({@code 201}),
 * {@code GET} lists the active ones with their hits, {@code DELETE path/{id}} heals one and {@code DELETE path} all
 * ({@code 204}); other methods are {@code 405} with {@code Allow}. Errors are {@code {"error", "field"?, "message"}}.
 */
abstract class AdminCollectionTransformer extends ScriptedTransformer {
  private final String path;
  private final String unknownCode;
  private final ActiveFaults items;

  AdminCollectionTransformer(String name, String path, String unknownCode, ActiveFaults items) {
    super(name);
    this.path = path;
    this.unknownCode = unknownCode;
    this.items = items;
  }

  /** Adds one from the request body: {@code 201} with its description, or a {@code 400} naming the field. */
  abstract ResponseDefinition add(String body, ResponseDefinitionBuilder response);

  /** {@code {"id", ..., "description"}} of one. */
  abstract ObjectNode describe(InjectedFault item);

  /** What the 404 for an unknown id adds after the active ids, e.g. why an id may be gone. */
  String goneNote() {
    return "";
  }

  @Override
  ResponseDefinition answer(Request request, ResponseDefinition stub, ResponseDefinitionBuilder response) {
    String requested = path(request);
    String method = request.getMethod().getName();
    if (requested.equals(path) || requested.equals(path + "/")) {
      return switch (method) {
        case "POST" -> add(request.getBodyAsString(), response);
        case "GET" -> json(response, 200, list());
        case "DELETE" -> {
          items.healAll();
          yield response.withStatus(204).build();
        }
        default -> notAllowed(response, method, requested, "GET, POST, DELETE");
      };
    }
    String id = requested.substring(path.length() + 1);
    if (!method.equals("DELETE")) {
      return notAllowed(response, method, requested, "DELETE");
    }
    Optional<InjectedFault> item = items.find(id);
    if (item.isEmpty()) {
      return error(response, 404, unknownCode, "id", "model: no active " + noun() + " [" + id + "]; active: "
          + items.active().stream().map(InjectedFault::id).toList() + goneNote());
    }
    item.get().heal();
    return response.withStatus(204).build();
  }

  /** What one is called in messages, e.g. {@code fault}, {@code tool rename}. */
  abstract String noun();

  private ArrayNode list() {
    ArrayNode list = Json.MAPPER.createArrayNode();
    items.active().forEach(item -> list.add(describe(item).put("hits", item.hits())));
    return list;
  }

  private static ResponseDefinition notAllowed(ResponseDefinitionBuilder response, String method, String path,
      String allowed) {
    return error(response.withHeader("Allow", allowed), 405, "method_not_allowed", null,
        "model: [" + method + " " + path + "] is not allowed; use " + allowed);
  }

  static ResponseDefinition error(ResponseDefinitionBuilder response, int status, String code, String field,
      String message) {
    ObjectNode body = Json.object().put("error", code);
    if (field != null) {
      body.put("field", field);
    }
    body.put("message", message);
    return json(response, status, body);
  }

  static ResponseDefinition json(ResponseDefinitionBuilder response, int status, JsonNode body) {
    return json(response, status, Json.write(body));
  }
}
