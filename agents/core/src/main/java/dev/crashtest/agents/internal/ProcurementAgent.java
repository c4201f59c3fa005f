package dev.crashtest.agents.internal;

import dev.crashtest.agents.TaskContext;
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
import java.util.List;
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
  private static final Logger LOG = LoggerFactory.getLogger(ProcurementAgent.class);

  private final ModelGateway model;
  private final CrmTools tools;
  private final Function<String, TokenSource> tokensForUser;

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
      LOG.info("task={} turn={} model={}", taskId, turn, LangChainModelGateway.MODEL_NAME);
      String recorded = context.step("model/" + turn, () -> ChatMessageSerializer.messageToJson(model.next(sent)));
      AiMessage answer = (AiMessage) ChatMessageDeserializer.messageFromJson(recorded);
      conversation.add(answer);
      if (!answer.hasToolExecutionRequests()) {
        return answer.text() == null ? "" : answer.text();
      }
      for (ToolExecutionRequest request : answer.toolExecutionRequests()) {
        ToolCall call = new ToolCall(taskId, ++step, request.name(), request.arguments());
        LOG.info("task={} step={} tool={}", taskId, call.step(), call.tool());
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
    return context.step("tool/" + call.step() + "/" + call.tool(), () -> tools.execute(call, tokens));
  }
}
