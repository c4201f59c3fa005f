package dev.crashtest.agents.internal;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import java.util.List;

/**
 * One turn of the conversation with the model: send the messages and the five tools, get the model's answer.
 *
 * <pre>{@code
 * ModelGateway model = LangChainModelGateway.plain(baseUrl, apiKey);
 * AiMessage answer = model.next(List.of(SystemMessage.from("..."), UserMessage.from(goal)));
 * }</pre>
 */
@FunctionalInterface
public interface ModelGateway {

  AiMessage next(List<ChatMessage> conversation) throws Exception;

  /**
   * One turn offering {@code tools} instead of the tools the gateway was built with: in MCP mode the tools are what
   * the server lists at that moment (contract, section 3.4). A gateway that knows no tools of its own (a test's
   * lambda) ignores them.
   */
  default AiMessage next(List<ChatMessage> conversation, List<ToolSpecification> tools) throws Exception {
    return next(conversation);
  }
}
