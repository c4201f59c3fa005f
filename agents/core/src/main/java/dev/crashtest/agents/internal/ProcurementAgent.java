package dev.crashtest.agents.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crashtest.agents.StepCall;
import dev.crashtest.agents.StepExecutor;
import dev.crashtest.agents.TaskContext;
import dev.crashtest.agents.TaskRequest;
import dev.crashtest.agents.TaskWorkflow;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The procurement task (contract, section 3): a tool-calling loop against the model. Every model call and
 * every CRM tool call is a {@link TaskContext#step step}; {@code request_approval} is the context's approval
 * gate. Tool calls are numbered from 1 across the whole task, which gives the idempotency keys.
 *
 * <pre>{@code
 * TaskWorkflow agent = new ProcurementAgent(model, new CrmTools(crm), userToken -> new TokenSource(exchange, userToken, clock));
 * TaskRuntime runtime = TaskRuntimes.create("naive", agent, stateDir);
 * }</pre>
 */
public final class ProcurementAgent implements TaskWorkflow {
  static final String SYSTEM_PROMPT = "You are a procurement agent. Use the tools to fulfil the user's goal: "
      + "read the account, create a quote, request approval, place the order, add a note, then summarise.";
  static final int MAX_TURNS = 25;
  /** How many tasks' delegated tokens {@link #execute} keeps between steps. */
  static final int TOKEN_SOURCES_KEPT = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(ProcurementAgent.class);

  private final ModelGateway model;
  private final CrmTools tools;
  private final Function<String, TokenSource> tokensForUser;
  private final Map<String, TokenSource> tokensByTask = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, TokenSource> eldest) {
      return size() > TOKEN_SOURCES_KEPT;
    }
  };

  public ProcurementAgent(ModelGateway model, CrmTools tools, Function<String, TokenSource> tokensForUser) {
    this.model = model;
    this.tools = tools;
    this.tokensForUser = tokensForUser;
  }

  @Override
  public String run(TaskContext context) throws Exception {
    String taskId = context.request().taskId();
    TokenSource tokens = tokensForUser.apply(context.request().userToken());
    List<ChatMessage> conversation = new ArrayList<>();
    conversation.add(SystemMessage.from(SYSTEM_PROMPT));
    conversation.add(UserMessage.from(context.request().goal()));
    int step = 0;
    for (int turn = 1; turn <= MAX_TURNS; turn++) {
      List<ChatMessage> sent = List.copyOf(conversation);
      if (!context.isReplaying()) {
        LOG.info("task={} turn={} model={}", taskId, turn, LangChainModelGateway.MODEL_NAME);
      }
      StepCall modelCall = StepCall.model("model/" + turn, ChatMessageSerializer.messagesToJson(sent));
      String recorded = context.step(modelCall, () -> ChatMessageSerializer.messageToJson(model.next(sent)));
      AiMessage answer = (AiMessage) ChatMessageDeserializer.messageFromJson(recorded);
      conversation.add(answer);
      if (!answer.hasToolExecutionRequests()) {
        return answer.text() == null ? "" : answer.text();
      }
      for (ToolExecutionRequest request : answer.toolExecutionRequests()) {
        ToolCall call = new ToolCall(taskId, ++step, request.name(), request.arguments());
        if (!context.isReplaying()) {
          LOG.info("task={} step={} tool={}", taskId, call.step(), call.tool());
        }
        String result = runTool(call, context, tokens);
        conversation.add(ToolExecutionResultMessage.from(request, result));
      }
    }
    throw new IllegalStateException("the model did not finish within " + MAX_TURNS + " turns");
  }

  private String runTool(ToolCall call, TaskContext context, TokenSource tokens) throws Exception {
    if (ProcurementTools.REQUEST_APPROVAL.equals(call.tool())) {
      String approver = context.awaitApproval();
      return Json.write(Json.object().put("approved", true).put("approver", approver));
    }
    StepCall toolCall = StepCall.tool("tool/" + call.step() + "/" + call.tool(), Json.write(Json.object()
        .put("step", call.step()).put("tool", call.tool()).put("arguments", call.arguments())));
    return context.step(toolCall, () -> tools.execute(call, tokens));
  }

  @Override
  public Optional<StepExecutor> stepExecutor() {
    return Optional.of(this::execute);
  }

  /**
   * Runs a step from its description, with the same effect and result as the closure {@link #run} hands to the
   * context: a model call on the recorded conversation, or a tool call with the same idempotency key.
   */
  String execute(TaskRequest task, StepCall call) throws Exception {
    if (call.kind() == StepCall.Kind.MODEL) {
      List<ChatMessage> conversation = ChatMessageDeserializer.messagesFromJson(call.input());
      return ChatMessageSerializer.messageToJson(model.next(conversation));
    }
    JsonNode input = Json.parse(call.input());
    ToolCall toolCall = new ToolCall(task.taskId(), input.path("step").asInt(), input.path("tool").asText(),
        input.path("arguments").asText());
    return tools.execute(toolCall, tokensFor(task));
  }

  private TokenSource tokensFor(TaskRequest task) {
    synchronized (tokensByTask) {
      return tokensByTask.computeIfAbsent(task.taskId(), id -> tokensForUser.apply(task.userToken()));
    }
  }
}
