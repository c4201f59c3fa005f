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
 * Any workload's task (contract, sections 3 and 3.3): a tool-calling loop against the model. Every model call and
 * every service tool call is a {@link TaskContext#step step}; a gate tool ({@code request_approval}) is the
 * context's approval gate. Tool calls are numbered from 1 across the whole task, which gives the idempotency keys.
 * Procurement is the workload {@link Workload#procurement()}; there is no other code path for it. The tools offered
 * to the model are asked of {@link Tools} at every turn: over MCP they are what the server lists now.
 *
 * <pre>{@code
 * TaskWorkflow agent = new WorkloadAgent(model, new WorkloadTools(workload, clients),
 *     userToken -> TaskTokens.perService(exchange, workload, userToken, clock));
 * TaskRuntime runtime = TaskRuntimes.create("naive", agent, stateDir);
 * }</pre>
 */
public final class WorkloadAgent implements TaskWorkflow {
  static final int MAX_TURNS = 25;
  /** How many tasks' delegated tokens {@link #execute} keeps between steps. */
  static final int TOKEN_SOURCES_KEPT = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(WorkloadAgent.class);

  private final ModelGateway model;
  private final Tools tools;
  private final Workload workload;
  private final Function<String, TaskTokens> tokensForUser;
  private final Map<String, TaskTokens> tokensByTask = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, TaskTokens> eldest) {
      return size() > TOKEN_SOURCES_KEPT;
    }
  };

  /**
   * @param model the model, told the workload's model name and tools
   * @param tools the workload's tools: over REST with a client per service ({@link WorkloadTools}), or over MCP
   *     ({@link McpTools})
   * @param tokensForUser the delegated tokens of a task, from the user's token
   */
  public WorkloadAgent(ModelGateway model, Tools tools, Function<String, TaskTokens> tokensForUser) {
    this.model = model;
    this.tools = tools;
    this.workload = tools.workload();
    this.tokensForUser = tokensForUser;
  }

  @Override
  public String run(TaskContext context) throws Exception {
    String taskId = context.request().taskId();
    TaskTokens tokens = tokensForUser.apply(context.request().userToken());
    List<ChatMessage> conversation = new ArrayList<>();
    conversation.add(SystemMessage.from(workload.instructions()));
    conversation.add(UserMessage.from(context.request().goal()));
    int step = 0;
    for (int turn = 1; turn <= MAX_TURNS; turn++) {
      List<ChatMessage> sent = List.copyOf(conversation);
      if (!context.isReplaying()) {
        LOG.info("task={} turn={} model={}", taskId, turn, workload.model());
      }
      StepCall modelCall = StepCall.model("model/" + turn, ChatMessageSerializer.messagesToJson(sent));
      String recorded = context.step(modelCall,
          () -> ChatMessageSerializer.messageToJson(model.next(sent, tools.specifications(taskId, tokens))));
      AiMessage answer = (AiMessage) ChatMessageDeserializer.messageFromJson(recorded);
      conversation.add(answer);
      if (!answer.hasToolExecutionRequests()) {
        String text = answer.text() == null ? "" : answer.text();
        Optional<String> failed = failedWrite(conversation);
        if (failed.isPresent()) {
          // the model gave up after a write failed: the task did not do what was asked, so it must not say COMPLETED
          throw new IllegalStateException("the model ended the task after " + failed.get() + " failed: " + text);
        }
        return text;
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

  /** The write tool whose latest result in the conversation is an error ({@code {"error": ...}}), if any. */
  private Optional<String> failedWrite(List<ChatMessage> conversation) {
    Map<String, String> latest = new LinkedHashMap<>();
    for (ChatMessage message : conversation) {
      if (message instanceof ToolExecutionResultMessage result) {
        latest.put(result.toolName(), result.text());
      }
    }
    return latest.entrySet().stream()
        .filter(entry -> workload.tool(entry.getKey()).map(WorkloadTool::isWrite).orElse(false))
        .filter(entry -> Json.parseLenient(entry.getValue()).has("error"))
        .map(Map.Entry::getKey).findFirst();
  }

  private String runTool(ToolCall call, TaskContext context, TaskTokens tokens) throws Exception {
    if (workload.tool(call.tool()).map(WorkloadTool::gate).orElse(false)) {
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
   * context: a model call on the recorded conversation, or a tool call with the same idempotency key. It depends
   * on nothing but the call and the workload, so a durable runtime may run it again, in another process.
   */
  String execute(TaskRequest task, StepCall call) throws Exception {
    if (call.kind() == StepCall.Kind.MODEL) {
      List<ChatMessage> conversation = ChatMessageDeserializer.messagesFromJson(call.input());
      return ChatMessageSerializer.messageToJson(
          model.next(conversation, tools.specifications(task.taskId(), tokensFor(task))));
    }
    JsonNode input = Json.parse(call.input());
    ToolCall toolCall = new ToolCall(task.taskId(), input.path("step").asInt(), input.path("tool").asText(),
        input.path("arguments").asText());
    return tools.execute(toolCall, tokensFor(task));
  }

  private TaskTokens tokensFor(TaskRequest task) {
    synchronized (tokensByTask) {
      return tokensByTask.computeIfAbsent(task.taskId(), id -> tokensForUser.apply(task.userToken()));
    }
  }
}
