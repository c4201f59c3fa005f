package dev.crashtest.fakes.model.internal;

import dev.crashtest.fakes.EventVocabulary;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves {@code POST /v1/chat/completions} from a script: checks the key, reads the request, asks the script,
 * lets the first active fault change the answer, publishes the {@code chat_completion} event, and only then
 * lets WireMock write the answer.
 *
 * <p>The answer is built on the stub's own response definition ({@link ResponseDefinitionBuilder#like}), so
 * delays, chunked dribble and faults set on the stub are kept; a WireMock {@link Fault} on the stub wins over
 * everything, and the event says so instead of claiming a 200.
 *
 * <pre>{@code
 * stubFor(post("/v1/chat/completions").willReturn(aResponse().withTransformers(ChatCompletionTransformer.NAME)));
 * }</pre>
 */
final class ChatCompletionTransformer extends ScriptedTransformer {
  static final String NAME = "crashtest-chat-completions";
  static final String OPERATION = EventVocabulary.CHAT_COMPLETION;

  private final ScriptSpec script;
  private final ApiKeyCheck apiKeys;
  private final EventPublisher events;
  private final CompletionRenderer renderer;
  private final FaultBook faults;

  ChatCompletionTransformer(ScriptSpec script, ApiKeyCheck apiKeys, EventPublisher events,
      CompletionRenderer renderer, FaultBook faults) {
    super(NAME);
    this.script = script;
    this.apiKeys = apiKeys;
    this.events = events;
    this.renderer = renderer;
    this.faults = faults;
  }

  @Override
  ResponseDefinition answer(Request request, ResponseDefinition stub, ResponseDefinitionBuilder response) {
    ChatAnswer answer = scripted(request);
    if (stub.getFault() != null) {
      answer.brokenByStub(stub.getFault());
    } else if (answer.answeredByScript()) {
      faults.apply(answer);
    }
    events.publish(OPERATION, answer.outcome(), answer.details());
    return answer.toResponse(response);
  }

  /** Computes the script's answer to one request; never throws for a bad request, it answers an OpenAI error. */
  ChatAnswer scripted(Request request) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put(EventVocabulary.TOOL_CALLS, List.of());
    try {
      apiKeys.check(request);
      ChatRequest chat = ChatRequest.parse(request.getBodyAsString());
      details.put(EventVocabulary.STREAM, chat.stream());
      details.put(EventVocabulary.MODEL_ID, chat.model());
      ToolRenames renames = faults.renames();
      Conversation conversation = Conversation.of(chat.messages(), renames::original);
      details.put(EventVocabulary.TURN, conversation.turn());
      details.put(EventVocabulary.MESSAGES, conversation.messageCount());
      conversation.lastToolName().ifPresent(tool -> details.put(EventVocabulary.LAST_TOOL_RESULT, tool));
      return ChatAnswer.scripted(renderer, chat, offered(ScriptEngine.reply(script, conversation), chat, renames),
          details);
    } catch (OpenAiError e) {
      return ChatAnswer.error(e, details);
    }
  }

  /** The reply with each tool call named as the request offers it (a renamed tool by its new name). */
  private static ScriptedReply offered(ScriptedReply reply, ChatRequest chat, ToolRenames renames) {
    if (reply.toolCalls().isEmpty()) {
      return reply;
    }
    java.util.Set<String> offered = new java.util.HashSet<>();
    chat.tools().forEach(tool -> offered.add(tool.path("function").path("name").asText(tool.path("name").asText())));
    List<ScriptedReply.ToolCall> calls = reply.toolCalls().stream().map(call -> new ScriptedReply.ToolCall(call.id(),
        renames.offered(call.name(), offered), call.arguments())).toList();
    return new ScriptedReply(reply.rule(), reply.content(), calls);
  }
}
