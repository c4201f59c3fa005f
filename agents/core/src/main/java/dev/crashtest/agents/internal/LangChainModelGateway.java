package dev.crashtest.agents.internal;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The model through LangChain4j's OpenAI module, plain ({@link OpenAiChatModel}) or streaming
 * ({@link OpenAiStreamingChatModel}), with the workload's model name and tools (procurement's: {@value #MODEL_NAME}
 * and its five tools).
 * LangChain4j's own retries are off ({@code maxRetries(0)}; the streaming model has none):
 * {@link ModelHttpClient} retries as the contract says.
 *
 * <pre>{@code
 * ModelGateway model = LangChainModelGateway.streaming("http://127.0.0.1:41001/v1", apiKey, Sleeper.SYSTEM);
 * }</pre>
 */
public final class LangChainModelGateway implements ModelGateway {
  public static final String MODEL_NAME = "crashtest-procurement";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final ChatModel plain;
  private final StreamingChatModel streaming;
  private final List<ToolSpecification> tools;

  private LangChainModelGateway(ChatModel plain, StreamingChatModel streaming, List<ToolSpecification> tools) {
    this.plain = plain;
    this.streaming = streaming;
    this.tools = List.copyOf(tools);
  }

  /** Procurement's model: {@value #MODEL_NAME} with its five tools. */
  public static LangChainModelGateway plain(String baseUrl, String apiKey, Sleeper sleeper) {
    return plain(baseUrl, apiKey, Workload.procurement(), sleeper);
  }

  /** The workload's model name and tools, plain chat completions. */
  public static LangChainModelGateway plain(String baseUrl, String apiKey, Workload workload, Sleeper sleeper) {
    return new LangChainModelGateway(OpenAiChatModel.builder()
        .httpClientBuilder(ModelHttpClient.builder(sleeper))
        .baseUrl(baseUrl)
        .apiKey(apiKey)
        .modelName(workload.model())
        .timeout(TIMEOUT)
        .maxRetries(0)
        .build(), null, workload.specifications());
  }

  /** Procurement's model: {@value #MODEL_NAME} with its five tools, streamed. */
  public static LangChainModelGateway streaming(String baseUrl, String apiKey, Sleeper sleeper) {
    return streaming(baseUrl, apiKey, Workload.procurement(), sleeper);
  }

  /** The workload's model name and tools, streamed. */
  public static LangChainModelGateway streaming(String baseUrl, String apiKey, Workload workload, Sleeper sleeper) {
    return new LangChainModelGateway(null, OpenAiStreamingChatModel.builder()
        .httpClientBuilder(ModelHttpClient.builder(sleeper))
        .baseUrl(baseUrl)
        .apiKey(apiKey)
        .modelName(workload.model())
        .timeout(TIMEOUT)
        .build(), workload.specifications());
  }

  @Override
  public AiMessage next(List<ChatMessage> conversation) throws Exception {
    return next(conversation, tools);
  }

  @Override
  public AiMessage next(List<ChatMessage> conversation, List<ToolSpecification> offered) throws Exception {
    ChatRequest request = ChatRequest.builder()
        .messages(conversation)
        .toolSpecifications(offered)
        .build();
    return plain != null ? plain.chat(request).aiMessage() : stream(request);
  }

  private AiMessage stream(ChatRequest request) throws Exception {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    streaming.chat(request, new StreamingChatResponseHandler() {
      @Override
      public void onCompleteResponse(ChatResponse response) {
        done.complete(response);
      }

      @Override
      public void onError(Throwable error) {
        done.completeExceptionally(error);
      }
    });
    try {
      // Retries with Retry-After happen before the stream opens, so allow for them on top of the read timeout.
      return done.get(TIMEOUT.toSeconds() + RetryPolicy.MAX_RETRIES * RetryPolicy.MAX_WAIT.toSeconds(),
          TimeUnit.SECONDS).aiMessage();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
