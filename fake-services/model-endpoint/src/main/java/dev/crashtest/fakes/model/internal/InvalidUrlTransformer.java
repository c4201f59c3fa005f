package dev.crashtest.fakes.model.internal;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/** Answers any other method and path with OpenAI's {@code 404 Invalid URL (METHOD /path)}. */
final class InvalidUrlTransformer implements ResponseDefinitionTransformerV2 {
  static final String NAME = "crashtest-invalid-url";

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
    Request request = serveEvent.getRequest();
    String url = request.getUrl();
    String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
    OpenAiError error = OpenAiError.invalidUrl(request.getMethod().getName(), path);
    return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition()).but()
        .withStatus(error.status())
        .withHeader("Content-Type", "application/json")
        .withBody(error.toJson())
        .build();
  }
}
