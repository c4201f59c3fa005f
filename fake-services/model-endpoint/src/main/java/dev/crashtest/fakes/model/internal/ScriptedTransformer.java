package dev.crashtest.fakes.model.internal;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * What the model endpoint's WireMock transformers share: a name a stub asks for (never applied globally), and an
 * answer built on the stub's own response definition ({@link ResponseDefinitionBuilder#like}), so delays, chunked
 * dribble and faults set on the stub are kept.
 *
 * <pre>{@code
 * stubFor(get("/v1/models").willReturn(aResponse().withTransformers(ModelsTransformer.NAME)));
 * }</pre>
 */
abstract class ScriptedTransformer implements ResponseDefinitionTransformerV2 {
  private final String name;

  ScriptedTransformer(String name) {
    this.name = name;
  }

  @Override
  public final String getName() {
    return name;
  }

  @Override
  public final boolean applyGlobally() {
    return false;
  }

  @Override
  public final ResponseDefinition transform(ServeEvent serveEvent) {
    ResponseDefinition stub = serveEvent.getResponseDefinition();
    return answer(serveEvent.getRequest(), stub, ResponseDefinitionBuilder.like(stub).but());
  }

  /** The answer to {@code request}; {@code response} starts as a copy of {@code stub}. */
  abstract ResponseDefinition answer(Request request, ResponseDefinition stub, ResponseDefinitionBuilder response);

  /** The request's path, without its query. */
  static String path(Request request) {
    String url = request.getUrl();
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  /** A JSON answer with {@code status}. */
  static ResponseDefinition json(ResponseDefinitionBuilder response, int status, String body) {
    return response.withStatus(status).withHeader("Content-Type", "application/json").withBody(body).build();
  }
}
