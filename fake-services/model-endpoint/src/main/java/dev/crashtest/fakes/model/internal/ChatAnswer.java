package dev.crashtest.fakes.model.internal;

import dev.crashtest.fakes.EventVocabulary;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.crashtest.fakes.ServiceEvent.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One chat completion answer while it is decided: what the script answered, what a fault made of it, and so
 * what goes on the wire and what the event says. Confined to the thread that serves the request.
 *
 * <pre>{@code
 * ChatAnswer answer = ChatAnswer.scripted(renderer, chat, reply, details);
 * answer.fail(529, OverloadedFault.BODY, "Overloaded");   // what a fault does
 * ResponseDefinition response = answer.toResponse(ResponseDefinitionBuilder.like(stub).but());
 * }</pre>
 */
final class ChatAnswer {
  static final String JSON = "application/json";
  static final String SSE = "text/event-stream; charset=utf-8";

  private final CompletionRenderer renderer;
  private final ChatRequest chat;
  private final Map<String, Object> details;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private ScriptedReply reply;
  private Usage usage;
  private Outcome outcome = Outcome.OK;
  private int status = 200;
  private String contentType;
  private byte[] body;
  private long declaredLength = -1;
  private int delayMillis;
  private int dribbleChunks;
  private int dribbleMillis;

  private ChatAnswer(CompletionRenderer renderer, ChatRequest chat, Map<String, Object> details) {
    this.renderer = renderer;
    this.chat = chat;
    this.details = details;
  }

  /** The script's answer: {@code chat.completion} JSON or server-sent events, status 200. */
  static ChatAnswer scripted(CompletionRenderer renderer, ChatRequest chat, ScriptedReply reply,
      Map<String, Object> details) {
    ChatAnswer answer = new ChatAnswer(renderer, chat, details);
    reply.rule().ifPresent(rule -> details.put(EventVocabulary.RULE, rule));
    answer.replaceReply(reply);
    details.put(EventVocabulary.STATUS, 200);
    return answer;
  }

  /** An answer to a request the script never saw: a bad key, a malformed body. */
  static ChatAnswer error(OpenAiError error, Map<String, Object> details) {
    ChatAnswer answer = new ChatAnswer(null, null, details);
    answer.fail(error);
    return answer;
  }

  /** Whether the script answered, so faults may change the answer. */
  boolean answeredByScript() {
    return reply != null && outcome == Outcome.OK;
  }

  boolean stream() {
    return chat.stream();
  }

  String model() {
    return chat.model();
  }

  ScriptedReply reply() {
    return reply;
  }

  Usage usage() {
    return usage;
  }

  Outcome outcome() {
    return outcome;
  }

  Map<String, Object> details() {
    return details;
  }

  /** Answers {@code reply} instead of the script's reply, rendered the way the client asked. */
  void replaceReply(ScriptedReply newReply) {
    reply = newReply;
    usage = Usage.estimate(chat, newReply);
    details.put(EventVocabulary.TOOL_CALLS, newReply.toolNames());
    details.put(EventVocabulary.PROMPT_TOKENS, usage.promptTokens());
    details.put(EventVocabulary.COMPLETION_TOKENS, usage.completionTokens());
    contentType = chat.stream() ? SSE : JSON;
    body = utf8(chat.stream() ? renderer.sse(chat, newReply, usage) : renderer.json(chat, newReply, usage));
  }

  /** The server-sent events of the current reply, without {@code data: [DONE]}. */
  List<String> events() {
    return renderer.sseEvents(chat, reply, usage);
  }

  /** The {@code chat.completion} JSON of the current reply. */
  String json() {
    return renderer.json(chat, reply, usage);
  }

  /** Replaces the answer by an OpenAI error: the client gets no tool call. */
  void fail(OpenAiError error) {
    fail(error.status(), error.toJson(), error.getMessage());
  }

  /** Replaces the answer by an error body; {@code message} goes into the event's {@code error}. */
  void fail(int errorStatus, String errorBody, String message) {
    failed(errorStatus, message);
    contentType = JSON;
    body = utf8(errorBody);
  }

  /** A 200 whose body the client cannot use: the status line looks fine, the content does not. */
  void broken(byte[] sent, String newContentType, String message) {
    failed(200, message);
    contentType = newContentType;
    body = sent;
  }

  private void failed(int newStatus, String message) {
    outcome = Outcome.FAIL;
    status = newStatus;
    details.put(EventVocabulary.STATUS, newStatus);
    details.put(EventVocabulary.ERROR, message);
    details.put(EventVocabulary.TOOL_CALLS, List.of());
    details.remove("completionTokens");
    details.remove("rule");
  }

  /** Announces {@code length} bytes but sends only the body: the server closes the connection mid-answer. */
  void declareLength(long length) {
    declaredLength = length;
  }

  void header(String name, String value) {
    headers.put(name, value);
  }

  void detail(String key, Object value) {
    details.put(key, value);
  }

  /** Holds the whole answer back this long. */
  void delay(int millis) {
    delayMillis = millis;
  }

  /** Writes {@code newBody} in {@code chunks} even byte slices, each after {@code perChunkMillis}. */
  void dribble(byte[] newBody, int chunks, int perChunkMillis) {
    body = newBody;
    dribbleChunks = chunks;
    dribbleMillis = chunks * perChunkMillis;
  }

  /**
   * Tells the truth when the stub itself carries a WireMock {@link Fault}: WireMock then writes no answer at
   * all, only the fault, so the client sees no status (or a 200 and garbage for a malformed chunk).
   */
  void brokenByStub(Fault fault) {
    failed(200, "the chat stub carries the WireMock fault " + fault.name());
    if (fault != Fault.MALFORMED_RESPONSE_CHUNK) {
      details.remove("status");
    }
    details.put(EventVocabulary.FAULT, fault.name().toLowerCase(Locale.ROOT));
  }

  ResponseDefinition toResponse(ResponseDefinitionBuilder response) {
    response.withStatus(status).withHeader("Content-Type", contentType).withHeader("Cache-Control", "no-cache")
        .withBody(body);
    headers.forEach(response::withHeader);
    if (declaredLength >= 0) {
      response.withHeader("Content-Length", Long.toString(declaredLength));
    }
    if (delayMillis > 0) {
      response.withFixedDelay(delayMillis);
    }
    if (dribbleChunks > 0 && body.length > 0) {
      response.withChunkedDribbleDelay(dribbleChunks, dribbleMillis);
    }
    return response.build();
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
