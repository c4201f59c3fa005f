package dev.crashtest.fakes.model.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Builds OpenAI {@code messages} arrays for tests, the way an agent following the contract appends them. */
final class Chat {
  static final String GOAL = "Buy 5 units of LAPTOP-14 for account ACME-001.";

  private final ArrayNode messages = Json.MAPPER.createArrayNode();
  private int calls;

  private Chat() {}

  static Chat withGoal(String goal) {
    Chat chat = new Chat();
    chat.messages.addObject().put("role", "system").put("content", "You are a procurement agent.");
    chat.messages.addObject().put("role", "user").put("content", goal);
    return chat;
  }

  /** An assistant message calling {@code tool}, then the tool's result. */
  Chat toolRound(String tool, String result) {
    String id = "agent_call_" + (++calls);
    ObjectNode assistant = messages.addObject().put("role", "assistant");
    assistant.putNull("content");
    ObjectNode call = assistant.putArray("tool_calls").addObject().put("id", id).put("type", "function");
    call.putObject("function").put("name", tool).put("arguments", "{}");
    messages.addObject().put("role", "tool").put("tool_call_id", id).put("content", result);
    return this;
  }

  Chat user(String text) {
    messages.addObject().put("role", "user").put("content", text);
    return this;
  }

  ArrayNode messages() {
    return messages.deepCopy();
  }

  Conversation conversation() {
    return Conversation.of(messages);
  }

  /** The procurement happy path up to (and including) the result of {@code lastTool}. */
  static Chat procurementUntil(String lastTool) {
    Chat chat = withGoal(GOAL);
    String[][] rounds = {
        {"get_account", "{\"accountId\":\"ACME-001\",\"name\":\"Acme\",\"tier\":\"GOLD\",\"creditLimit\":50000}"},
        {"create_quote", "{\"quoteId\":\"Q-7\",\"accountId\":\"ACME-001\",\"sku\":\"LAPTOP-14\",\"quantity\":5,"
            + "\"unitPrice\":1200,\"total\":6000,\"status\":\"OPEN\"}"},
        {"request_approval", "{\"approved\":true,\"approver\":\"alice\"}"},
        {"place_order", "{\"orderId\":\"O-42\",\"quoteId\":\"Q-7\",\"accountId\":\"ACME-001\",\"total\":6000,"
            + "\"status\":\"PLACED\"}"},
        {"add_note", "{\"noteId\":\"N-1\",\"accountId\":\"ACME-001\",\"text\":\"ordered\"}"}};
    for (String[] round : rounds) {
      chat.toolRound(round[0], round[1]);
      if (round[0].equals(lastTool)) {
        return chat;
      }
    }
    throw new IllegalArgumentException("not a procurement tool: " + lastTool);
  }

  static ScriptSpec procurementScript() {
    try (InputStream in = Chat.class.getResourceAsStream("/dev/crashtest/fakes/model/procurement.json")) {
      return ScriptSpec.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "procurement.json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
