package dev.crashtest.fakes.model.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.List;

/** Serves {@code GET /v1/models}: the list of model ids this endpoint answers to, behind the API key. */
final class ModelsTransformer implements ResponseDefinitionTransformerV2 {
  static final String NAME = "crashtest-models";
  /** A fixed creation time keeps the answer the same from run to run. */
  private static final long CREATED = 1_700_000_000L;

  private final List<String> modelIds;
  private final ApiKeyCheck apiKeys;

  ModelsTransformer(List<String> modelIds, ApiKeyCheck apiKeys) {
    this.modelIds = List.copyOf(modelIds);
    this.apiKeys = apiKeys;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    ResponseDefinitionBuilder response = ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition()).but()
        .withHeader("Content-Type", "application/json");
    try {
      apiKeys.check(serveEvent.getRequest());
      return response.withStatus(200).withBody(Json.write(list())).build();
    } catch (OpenAiError e) {
      return response.withStatus(e.status()).withBody(e.toJson()).build();
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
