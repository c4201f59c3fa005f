package dev.crashtest.fakes.model.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.http.Request;
import java.util.List;

/** Serves {@code GET /v1/models}: the list of model ids this endpoint answers to, behind the API key. */
final class ModelsTransformer extends ScriptedTransformer {
  static final String NAME = "crashtest-models";
  /** A fixed creation time keeps the answer the same from run to run. */
  private static final long CREATED = 1_700_000_000L;

  private final List<String> modelIds;
  private final ApiKeyCheck apiKeys;

  ModelsTransformer(List<String> modelIds, ApiKeyCheck apiKeys) {
    super(NAME);
    this.modelIds = List.copyOf(modelIds);
    this.apiKeys = apiKeys;
  }

  @Override
  ResponseDefinition answer(Request request, ResponseDefinition stub, ResponseDefinitionBuilder response) {
    try {
      apiKeys.check(request);
      return json(response, 200, Json.write(list()));
    } catch (OpenAiError e) {
      return json(response, e.status(), e.toJson());
    }
  }

  private ObjectNode list() {
    ObjectNode body = Json.object();
    body.put("object", "list");
    ArrayNode data = body.putArray("data");
    for (String id : modelIds) {
      data.addObject().put("id", id).put("object", "model").put("created", CREATED).put("owned_by", "crashtest");
    }
    return body;
  }
}
