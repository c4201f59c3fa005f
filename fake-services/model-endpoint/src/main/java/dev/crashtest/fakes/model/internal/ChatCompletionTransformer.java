package dev.crashtest.fakes.model.internal;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.crashtest.fakes.ServiceEvent.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves {@code POST /v1/chat/completions} from a script: checks the key, reads the request, asks the script,
 * renders JSON or server-sent events, publishes the {@code chat_completion} event, and only then lets WireMock
 * write the answer.
 *
 * <p>The answer is built on the stub's own response definition ({@link ResponseDefinitionBuilder#like}), so
 * delays, chunked dribble and faults set on the stub are kept. Faults that change the answer itself (429, 5xx)
 * belong between {@link #answer} and the event: they replace the {@link ChatExchange}, and the event then
 * records what the client saw.
 *
 * <pre>{@code
 * stubFor(post("/v1/chat/completions").willReturn(aResponse().withTransformers(ChatCompletionTransformer.NAME)));
 * }</pre>
 */
final class ChatCompletionTransformer implements ResponseDefinitionTransformerV2 {
  static final String NAME = "crashtest-chat-completions";
  static final String OPERATION = "chat_completion";

  private final ScriptSpec script;
  private final ApiKeyCheck apiKeys;
  private final EventPublisher events;
  private final CompletionRenderer renderer;

  ChatCompletionTransformer(ScriptSpec script, ApiKeyCheck apiKeys, EventPublisher events,
      CompletionRenderer renderer) {
    this.script = script;
    this.apiKeys = apiKeys;
    this.events = events;
    this.renderer = renderer;
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
    ChatExchange exchange = answer(serveEvent.getRequest());
    events.publish(OPERATION, exchange.status() < 400 ? Outcome.OK : Outcome.FAIL, exchange.details());
    return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition()).but()
        .withStatus(exchange.status())
        .withHeader("Content-Type", exchange.contentType())
        .withHeader("Cache-Control", "no-cache")
        .withBody(exchange.body())
        .build();
  }

  /** Computes the answer to one request; never throws for a bad request, it answers an OpenAI error. */
  ChatExchange answer(Request request) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("toolCalls", List.of());
    try {
      apiKeys.check(request);
      ChatRequest chat = ChatRequest.parse(request.getBodyAsString());
      details.put("stream", chat.stream());
      details.put("model", chat.model());
      Conversation conversation = Conversation.of(chat.messages());
      details.put("turn", conversation.turn());
      details.put("messages", conversation.messageCount());
      conversation.lastToolName().ifPresent(tool -> details.put("lastToolResult", tool));
      ScriptedReply reply = ScriptEngine.reply(script, conversation);
      reply.rule().ifPresent(rule -> details.put("rule", rule));
      details.put("toolCalls", reply.toolNames());
      Usage usage = Usage.estimate(chat, reply);
      details.put("promptTokens", usage.promptTokens());
      details.put("completionTokens", usage.completionTokens());
      details.put("status", 200);
      return chat.stream()
          ? new ChatExchange(200, "text/event-stream; charset=utf-8", renderer.sse(chat, reply, usage), details)
          : new ChatExchange(200, "application/json", renderer.json(chat, reply, usage), details);
    } catch (OpenAiError e) {
      details.put("status", e.status());
      details.put("error", e.getMessage());
      return new ChatExchange(e.status(), "application/json", e.toJson(), details);
    }
  }

  /**
   * One answer before it is written.
   *
   * @param status the HTTP status
   * @param contentType the Content-Type header
   * @param body the body, JSON or server-sent events
   * @param details the event details
   */
  record ChatExchange(int status, String contentType, String body, Map<String, Object> details) {}
}
