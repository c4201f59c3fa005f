package dev.crashtest.agents.internal;

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
}
