package dev.crashtest.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.agents.StepCall;
import dev.crashtest.agents.StepExecutor;
import dev.crashtest.agents.TaskContext;
import dev.crashtest.agents.TaskRequest;
import dev.crashtest.agents.testing.RecordingServer;
import dev.crashtest.agents.testing.RecordingServer.Reply;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcurementAgentTest {
  static final String GOAL = "Buy 5 units of LAPTOP-14 for account ACME-001.";

  @TempDir Path dir;
  private RecordingServer server;
  private final List<List<ChatMessage>> conversations = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = RecordingServer.start(request -> {
      if (request.path().endsWith("openid-configuration")) {
        return Reply.json(200, "{\"token_endpoint\":\"" + server.baseUrl() + "/token\"}");
      }
      if (request.path().equals("/token")) {
        return Reply.json(200, "{\"access_token\":\"delegated\",\"token_type\":\"Bearer\",\"expires_in\":300}");
      }
      return switch (request.path()) {
        case "/quotes" -> Reply.json(201, "{\"quoteId\":\"Q-1\",\"status\":\"OPEN\"}");
        case "/orders" -> Reply.json(201, "{\"orderId\":\"O-1\",\"status\":\"PLACED\"}");
        case "/accounts/ACME-001/notes" -> Reply.json(201, "{\"noteId\":\"N-1\"}");
        default -> Reply.json(200, "{\"accountId\":\"ACME-001\",\"tier\":\"GOLD\"}");
      };
    });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void happy_path_runs_the_tools_in_the_order_asked_and_returns_the_summary() throws Exception {
    RecordingContext context = new RecordingContext();

    String result = agent(scriptedModel()).run(context);

    assertThat(result).as("result").isEqualTo("Ordered 5 units.");
    assertThat(context.steps).as("steps").containsExactly("model/1", "tool/1/get_account", "model/2",
        "tool/2/create_quote", "model/3", "model/4", "tool/4/place_order", "model/5", "tool/5/add_note", "model/6");
    assertThat(context.approvals).as("approval gate").isEqualTo(1);
    assertThat(server.requests()).filteredOn(request -> request.method().equals("POST") && !request.path().equals("/token"))
        .extracting(request -> request.header("Idempotency-Key")).as("idempotency keys")
        .containsExactly("T-1/2/create_quote", "T-1/4/place_order", "T-1/5/add_note");
  }

  @Test
  void approval_result_and_tool_results_are_sent_back_with_their_call_ids() throws Exception {
    agent(scriptedModel()).run(new RecordingContext());

    List<ChatMessage> fourthTurn = conversations.get(3);
    ToolExecutionResultMessage approval = (ToolExecutionResultMessage) fourthTurn.get(fourthTurn.size() - 1);
    assertThat(approval.id()).as("tool_call_id").isEqualTo("call-3");
    assertThat(Json.parse(approval.text())).as("approval result")
        .isEqualTo(Json.parse("{\"approved\":true,\"approver\":\"alice\"}"));
    assertThat(conversations.get(0)).as("first conversation: system and goal").hasSize(2);
  }

  @Test
  void steps_run_from_their_descriptions_give_the_same_task_as_the_closures() throws Exception {
    ProcurementAgent agent = agent(scriptedModel());
    DescribedStepsContext context = new DescribedStepsContext(agent.stepExecutor().orElseThrow());

    String result = agent.run(context);

    assertThat(result).as("result").isEqualTo("Ordered 5 units.");
    assertThat(context.calls).extracting(StepCall::name).as("steps, all described as data")
        .containsExactly("model/1", "tool/1/get_account", "model/2", "tool/2/create_quote", "model/3", "model/4",
            "tool/4/place_order", "model/5", "tool/5/add_note", "model/6");
    assertThat(context.calls).extracting(StepCall::kind).as("kinds").startsWith(StepCall.Kind.MODEL, StepCall.Kind.TOOL);
    assertThat(conversations.get(3)).as("fourth conversation, sent from its JSON description").hasSize(8)
        .last().isInstanceOf(ToolExecutionResultMessage.class);
    assertThat(server.requests()).filteredOn(request -> request.method().equals("POST") && !request.path().equals("/token"))
        .extracting(request -> request.header("Idempotency-Key")).as("idempotency keys")
        .containsExactly("T-1/2/create_quote", "T-1/4/place_order", "T-1/5/add_note");
    assertThat(server.requests()).filteredOn(request -> request.path().equals("/token")).as("token exchanges")
        .hasSize(1);
  }

  @Test
  void model_that_never_stops_calling_tools_fails_the_task() {
    ModelGateway endless = conversation -> call("get_account", "{\"account_id\":\"ACME-001\"}", "c");

    assertThatThrownBy(() -> agent(endless).run(new RecordingContext()))
        .as("endless loop")
        .hasMessage("the model did not finish within " + ProcurementAgent.MAX_TURNS + " turns");
  }

  private ProcurementAgent agent(ModelGateway model) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret"), "s");
    TokenExchange exchange = new TokenExchange(HttpClient.newHttpClient(), server.baseUrl(), "agent-1", secret,
        Clock.systemUTC());
    return new ProcurementAgent(model, new CrmTools(new CrmClient(HttpClient.newHttpClient(), server.baseUrl(),
        duration -> {})), userToken -> new TokenSource(exchange, userToken, Clock.systemUTC()));
  }

  private ModelGateway scriptedModel() {
    List<AiMessage> script = new ArrayList<>(List.of(
        call("get_account", "{\"account_id\":\"ACME-001\"}", "call-1"),
        call("create_quote", "{\"account_id\":\"ACME-001\",\"sku\":\"LAPTOP-14\",\"quantity\":5}", "call-2"),
        call("request_approval", "{\"quote_id\":\"Q-1\"}", "call-3"),
        call("place_order", "{\"quote_id\":\"Q-1\"}", "call-4"),
        call("add_note", "{\"account_id\":\"ACME-001\",\"text\":\"Ordered.\"}", "call-5"),
        AiMessage.from("Ordered 5 units.")));
    return conversation -> {
      conversations.add(List.copyOf(conversation));
      return script.remove(0);
    };
  }

  private static AiMessage call(String tool, String arguments, String id) {
    return AiMessage.from(ToolExecutionRequest.builder().id(id).name(tool).arguments(arguments).build());
  }

  /** Ignores the closures and runs every step from its description, as the Temporal runtime's activities do. */
  static final class DescribedStepsContext implements TaskContext {
    final List<StepCall> calls = new ArrayList<>();
    private final StepExecutor executor;

    DescribedStepsContext(StepExecutor executor) {
      this.executor = executor;
    }

    @Override
    public TaskRequest request() {
      return new TaskRequest("T-1", GOAL, "user-jwt");
    }

    @Override
    public String step(String name, Callable<String> action) {
      throw new AssertionError("step [" + name + "] was not described as data");
    }

    @Override
    public String step(StepCall call, Callable<String> action) throws Exception {
      calls.add(call);
      return executor.execute(request(), call);
    }

    @Override
    public String awaitApproval() {
      return "alice";
    }
  }

  /** Runs every step at once and remembers its name, as the naive runtime would. */
  static final class RecordingContext implements TaskContext {
    final List<String> steps = new ArrayList<>();
    int approvals;

    @Override
    public TaskRequest request() {
      return new TaskRequest("T-1", GOAL, "user-jwt");
    }

    @Override
    public String step(String name, Callable<String> action) throws Exception {
      steps.add(name);
      return action.call();
    }

    @Override
    public String awaitApproval() {
      approvals++;
      return "alice";
    }
  }
}
