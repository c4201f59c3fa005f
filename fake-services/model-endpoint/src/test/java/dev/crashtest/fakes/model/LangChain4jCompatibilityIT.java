package dev.crashtest.fakes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.fakes.ServiceEvent;
import dev.crashtest.fakes.ServiceEvent.Outcome;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the procurement script with a real OpenAI client, LangChain4j, as a tool-calling agent would. */
class LangChain4jCompatibilityIT {
  private static final String KEY = "lc4j-key";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> STEPS =
      List.of("get_account", "create_quote", "request_approval", "place_order", "add_note");

  private final List<ServiceEvent> events = new CopyOnWriteArrayList<>();
  private ModelEndpoint endpoint;

  @BeforeEach
  void start() {
    endpoint = ModelEndpoint.builder().withScript(Script.procurement()).withApiKey(KEY)
        .withEventListener(events::add).start();
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private static List<ToolSpecification> tools() {
    return List.of(
        tool("get_account", "Read a CRM account.", JsonObjectSchema.builder().addStringProperty("account_id")
            .required("account_id")),
        tool("create_quote", "Create a price quote for an account.", JsonObjectSchema.builder()
            .addStringProperty("account_id").addStringProperty("sku").addIntegerProperty("quantity")
            .required("account_id", "sku", "quantity")),
        tool("request_approval", "Ask a human to approve a quote before ordering.", JsonObjectSchema.builder()
            .addStringProperty("quote_id").required("quote_id")),
        tool("place_order", "Place an order for an approved quote.", JsonObjectSchema.builder()
            .addStringProperty("quote_id").required("quote_id")),
        tool("add_note", "Add a note to an account.", JsonObjectSchema.builder().addStringProperty("account_id")
            .addStringProperty("text").required("account_id", "text")));
  }

  private static ToolSpecification tool(String name, String description, JsonObjectSchema.Builder parameters) {
    return ToolSpecification.builder().name(name).description(description).parameters(parameters.build()).build();
  }

  /** The agent loop of docs/agent-contract.md section 3; returns the final text. */
  private static String runTask(Function<ChatRequest, ChatResponse> model, List<ToolExecutionRequest> calls) {
    List<ChatMessage> messages = new ArrayList<>(List.of(
        SystemMessage.from("You are a procurement agent."), UserMessage.from(ProcurementTools.GOAL)));
    for (int turn = 1; turn <= 10; turn++) {
      AiMessage answer = model.apply(ChatRequest.builder().messages(messages).toolSpecifications(tools()).build())
          .aiMessage();
      messages.add(answer);
      if (!answer.hasToolExecutionRequests()) {
        return answer.text();
      }
      for (ToolExecutionRequest call : answer.toolExecutionRequests()) {
        calls.add(call);
        messages.add(ToolExecutionResultMessage.from(call, ProcurementTools.resultOf(call.name())));
      }
    }
    throw new AssertionError("the model did not finish the task in 10 turns; calls so far: " + calls);
  }

  private void assertProcurementRun(List<ToolExecutionRequest> calls, String summary, boolean stream)
      throws Exception {
    assertThat(calls).as("tool calls the client saw").extracting(ToolExecutionRequest::name)
        .containsExactlyElementsOf(STEPS);
    assertThat(calls).as("tool call ids").extracting(ToolExecutionRequest::id)
        .containsExactly("call_1_1", "call_2_1", "call_3_1", "call_4_1", "call_5_1");
    assertThat(JSON.readTree(calls.get(1).arguments())).as("create_quote arguments")
        .isEqualTo(JSON.readTree("{\"account_id\": \"ACME-001\", \"sku\": \"LAPTOP-14\", \"quantity\": 5}"));
    assertThat(JSON.readTree(calls.get(3).arguments())).as("place_order arguments")
        .isEqualTo(JSON.readTree("{\"quote_id\": \"Q-7\"}"));
    assertThat(JSON.readTree(calls.get(4).arguments()).get("text").asText()).as("note text").contains("O-42");
    assertThat(summary).as("final text").isEqualTo(ProcurementTools.SUMMARY);
    assertThat(events).as("events").hasSize(6).allSatisfy(event -> {
      assertThat(event.outcome()).as("outcome").isEqualTo(Outcome.OK);
      assertThat(event.details()).as("details").containsEntry("stream", stream).containsEntry("status", 200);
    });
    assertThat(events).as("turns").extracting(event -> event.details().get("turn")).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(events).as("tool calls per turn").extracting(event -> event.details().get("toolCalls"))
        .containsExactly(List.of("get_account"), List.of("create_quote"), List.of("request_approval"),
            List.of("place_order"), List.of("add_note"), List.of());
    assertThat(events).as("last tool result per turn")
        .extracting(event -> event.details().getOrDefault("lastToolResult", "(none)"))
        .containsExactly("(none)", "get_account", "create_quote", "request_approval", "place_order", "add_note");
  }

  @Test
  void openai_chat_model_drives_the_procurement_script_through_every_turn() throws Exception {
    ChatModel model = OpenAiChatModel.builder().baseUrl(endpoint.v1Url().toString()).apiKey(KEY)
        .modelName("crashtest-procurement").timeout(Duration.ofSeconds(10)).maxRetries(0).build();
    List<ToolExecutionRequest> calls = new ArrayList<>();

    String summary = runTask(model::chat, calls);

    assertProcurementRun(calls, summary, false);
  }

  @Test
  void openai_streaming_chat_model_drives_the_procurement_script_through_every_turn() throws Exception {
    StreamingChatModel model = OpenAiStreamingChatModel.builder().baseUrl(endpoint.v1Url().toString()).apiKey(KEY)
        .modelName("crashtest-procurement").timeout(Duration.ofSeconds(10)).build();
    List<ToolExecutionRequest> calls = new ArrayList<>();
    StringBuilder streamedText = new StringBuilder();

    String summary = runTask(request -> streamed(model, request, streamedText), calls);

    assertProcurementRun(calls, summary, true);
    assertThat(streamedText).as("text pieces the client received").hasToString(ProcurementTools.SUMMARY);
    assertThat(events.get(5).details()).as("usage of the last turn")
        .hasEntrySatisfying("completionTokens", tokens -> assertThat((Integer) tokens).isPositive());
  }

  private static ChatResponse streamed(StreamingChatModel model, ChatRequest request, StringBuilder text) {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    model.chat(request, new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(String partial) {
        text.append(partial);
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
    try {
      return done.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the streamed answer did not complete: " + e, e);
    }
  }

  @Test
  void openai_chat_model_reports_a_wrong_key_as_an_authentication_error() {
    ChatModel model = OpenAiChatModel.builder().baseUrl(endpoint.v1Url().toString()).apiKey("wrong")
        .modelName("crashtest-procurement").timeout(Duration.ofSeconds(10)).maxRetries(0).build();

    assertThatThrownBy(() -> model.chat(
            ChatRequest.builder().messages(UserMessage.from(ProcurementTools.GOAL)).build()))
        .as("chat with a wrong key")
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("Incorrect API key provided");
  }
}
