package dev.crashtest.fakes.model.internal;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/** Answers any other method and path with OpenAI's {@code 404 Invalid URL (METHOD /path)}. */
final class InvalidUrlTransformer extends ScriptedTransformer {
  static final String NAME = "crashtest-invalid-url";

  InvalidUrlTransformer() {
    super(NAME);
  }

  @Override
  ResponseDefinition answer(Request request, ResponseDefinition stub, ResponseDefinitionBuilder response) {
    OpenAiError error = OpenAiError.invalidUrl(request.getMethod().getName(), path(request));
    return json(response, error.status(), error.toJson());
  }
}
