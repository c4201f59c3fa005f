package dev.crashtest.fakes.model.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crashtest.fakes.model.internal.ScriptedReply.ToolCall;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes a scripted reply as OpenAI does: a {@code chat.completion} object, or a stream of
 * {@code chat.completion.chunk} server-sent events (role first, content and tool-call argument pieces, a finish
 * chunk, an optional usage chunk, then {@code data: [DONE]}).
 *
 * <pre>{@code
 * String body = new CompletionRenderer(Clock.systemUTC()).json(request, reply, usage);
 * }</pre>
 */
final class CompletionRenderer {
  static final int PIECE_LENGTH = 12;
  static final String DONE = "data: [DONE]\n\n";

  private final Clock clock;

  CompletionRenderer(Clock clock) {
    this.clock = clock;
  }

  String json(ChatRequest request, ScriptedReply reply, Usage usage) {
    ObjectNode message = Json.object();
    message.put("role", "assistant");
    message.put("content", reply.content());
    if (!reply.toolCalls().isEmpty()) {
      ArrayNode calls = message.putArray("tool_calls");
      reply.toolCalls().forEach(call -> calls.add(toolCall(call, call.arguments())));
    }
    message.putNull("refusal");
    ObjectNode choice = Json.object();
    choice.put("index", 0);
    choice.set("message", message);
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason(reply));
    ObjectNode body = envelope(request, reply, "chat.completion");
    body.putArray("choices").add(choice);
    body.set("usage", usage.toJson());
    return Json.write(body);
  }

  String sse(ChatRequest request, ScriptedReply reply, Usage usage) {
    return String.join("", sseEvents(request, reply, usage)) + DONE;
  }

  /** The events of {@link #sse} one by one, each {@code data: {...}\n\n}, without the final {@link #DONE}. */
  List<String> sseEvents(ChatRequest request, ScriptedReply reply, Usage usage) {
    SseWriter events = new SseWriter(envelope(request, reply, "chat.completion.chunk"), request.includeUsage());
    ObjectNode first = Json.object().put("role", "assistant");
    if (reply.content() != null || reply.toolCalls().isEmpty()) {
      first.put("content", "");
      first.putNull("refusal");
      events.delta(first, null);
      pieces(reply.content() == null ? "" : reply.content())
          .forEach(piece -> events.delta(Json.object().put("content", piece), null));
      first = Json.object();
    } else {
      first.putNull("content");
    }
    for (int i = 0; i < reply.toolCalls().size(); i++) {
      ToolCall call = reply.toolCalls().get(i);
      ObjectNode start = Json.object().put("index", i);
      start.setAll(toolCall(call, ""));
      first.putArray("tool_calls").add(start);
      events.delta(first, null);
      first = Json.object();
      for (String piece : pieces(call.arguments())) {
        ObjectNode argument = Json.object().put("index", i);
        argument.putObject("function").put("arguments", piece);
        events.delta(Json.object().set("tool_calls", Json.MAPPER.createArrayNode().add(argument)), null);
      }
    }
    events.delta(Json.object(), finishReason(reply));
    if (request.includeUsage()) {
      events.usage(usage.toJson());
    }
    return events.events();
  }

  private ObjectNode envelope(ChatRequest request, ScriptedReply reply, String object) {
    ObjectNode body = Json.object();
    body.put("id", "chatcmpl-" + digest(Json.write(request.messages())));
    body.put("object", object);
    body.put("created", clock.instant().getEpochSecond());
    body.put("model", request.model());
    body.put("system_fingerprint", "fp_crashtest");
    return body;
  }

  private static ObjectNode toolCall(ToolCall call, String arguments) {
    ObjectNode node = Json.object();
    node.put("id", call.id());
    node.put("type", "function");
    node.putObject("function").put("name", call.name()).put("arguments", arguments);
    return node;
  }

  private static String finishReason(ScriptedReply reply) {
    return reply.toolCalls().isEmpty() ? "stop" : "tool_calls";
  }

  /** Cuts text into short pieces, never inside a surrogate pair, as a model streams tokens. */
  static List<String> pieces(String text) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = Math.min(text.length(), start + PIECE_LENGTH);
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end++;
      }
      pieces.add(text.substring(start, end));
      start = end;
    }
    return pieces;
  }

  private static String digest(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Accumulates {@code data: ...} events sharing one envelope. */
  private static final class SseWriter {
    private final ObjectNode envelope;
    private final boolean usageField;
    private final List<String> events = new ArrayList<>();

    SseWriter(ObjectNode envelope, boolean usageField) {
      this.envelope = envelope;
      this.usageField = usageField;
    }

    void delta(ObjectNode delta, String finishReason) {
      ObjectNode choice = Json.object();
      choice.put("index", 0);
      choice.set("delta", delta);
      choice.putNull("logprobs");
      choice.put("finish_reason", finishReason);
      ObjectNode chunk = envelope.deepCopy();
      chunk.putArray("choices").add(choice);
      if (usageField) {
        chunk.putNull("usage");
      }
      write(chunk);
    }

    void usage(ObjectNode usage) {
      ObjectNode chunk = envelope.deepCopy();
      chunk.putArray("choices");
      chunk.set("usage", usage);
      write(chunk);
    }

    private void write(ObjectNode chunk) {
      events.add("data: " + Json.write(chunk) + "\n\n");
    }

    List<String> events() {
      return List.copyOf(events);
    }
  }
}
