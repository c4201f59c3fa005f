package dev.crashtest.fakes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.io.EOFException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What LangChain4j, the reference agent's client, surfaces for the model faults. */
class LangChain4jFaultsIT {
  private ModelEndpoint endpoint;

  @BeforeEach
  void start() {
    endpoint = ModelEndpoint.builder().start();
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private ChatModel chatModel(int maxRetries) {
    return OpenAiChatModel.builder().baseUrl(endpoint.v1Url().toString()).apiKey("k")
        .modelName("crashtest-procurement").timeout(Duration.ofSeconds(5)).maxRetries(maxRetries).build();
  }

  private static ChatRequest goal() {
    return ChatRequest.builder().messages(UserMessage.from(ProcurementTools.GOAL)).build();
  }

  /** Streams one answer; completes with the response, or exceptionally with what onError received. */
  private CompletableFuture<ChatResponse> stream(StringBuilder partials) {
    StreamingChatModel model = OpenAiStreamingChatModel.builder().baseUrl(endpoint.v1Url().toString()).apiKey("k")
        .modelName("crashtest-procurement").timeout(Duration.ofSeconds(5)).build();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    model.chat(goal(), new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(String partial) {
        partials.append(partial);
      }

      @Override
      public void onCompleteResponse(ChatResponse response) {
        done.complete(response);
      }

      @Override
      public void onError(Throwable error) {
        done.completeExceptionally(error);
      }
    });
    return done;
  }

  @Test
  void openai_chat_model_surfaces_rate_limited_as_a_rate_limit_exception() {
    endpoint.faults().inject(ModelFault.rateLimited(Duration.ofSeconds(1)));

    assertThatThrownBy(() -> chatModel(0).chat(goal())).as("chat while rate limited")
        .isInstanceOf(RateLimitException.class).hasMessageContaining("rate_limit_exceeded");
  }

  @Test
  void openai_chat_model_retries_a_rate_limited_request_and_gets_the_answer() {
    endpoint.faults().inject(ModelFault.rateLimited(Duration.ZERO).forRequests(1));

    ChatResponse response = chatModel(1).chat(goal());

    assertThat(response.aiMessage().toolExecutionRequests()).as("tool calls after one retry")
        .extracting(call -> call.name()).containsExactly("get_account");
  }

  @Test
  void openai_streaming_chat_model_surfaces_a_cut_stream_as_an_error_not_a_short_answer() {
    endpoint.faults().inject(ModelFault.streamCutAfter(2));
    StringBuilder partials = new StringBuilder();

    CompletableFuture<ChatResponse> done = stream(partials);

    assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS)).as("the streamed answer")
        .isInstanceOf(ExecutionException.class).cause().as("what onError received")
        .isInstanceOf(LangChain4jException.class).hasMessage("closed")
        .hasStackTraceContaining("fixed content-length").hasRootCauseInstanceOf(EOFException.class);
  }
}
