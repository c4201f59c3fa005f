package dev.crashtest.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.agents.StepCall;
import dev.crashtest.agents.internal.ProcurementAgentTest.DescribedStepsContext;
import dev.crashtest.agents.internal.ProcurementAgentTest.RecordingContext;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop on a workload read from a file: its gate, whatever its name, is the runtime's approval gate. */
class WorkloadAgentTest {
  static final String WORKLOAD = """
      {"name": "desk", "model": "crashtest-desk", "instructions": "You run the help desk.",
       "tools": [
         {"name": "ask_a_human", "parameters": {"type": "object"}, "gate": true},
         {"name": "close_case", "parameters": {"type": "object"}, "service": "cases", "method": "PUT",
          "path": "/cases/{case_id}", "body": {"state": "closed"}}],
       "services": {"cases": "http://127.0.0.1:9/cases"}}
      """;

  @TempDir Path dir;
  private final List<List<ChatMessage>> conversations = new CopyOnWriteArrayList<>();

  @Test
  void a_gate_tool_of_any_name_waits_for_approval_and_makes_no_step() throws Exception {
    RecordingContext context = new RecordingContext();

    String result = agent(List.of(call("ask_a_human", "{}", "c-1"), AiMessage.from("closed"))).run(context);

    assertThat(result).as("result").isEqualTo("closed");
    assertThat(context.approvals).as("approvals").isEqualTo(1);
    assertThat(context.steps).as("steps: no tool step for the gate").containsExactly("model/1", "model/2");
    ToolExecutionResultMessage answer = (ToolExecutionResultMessage) conversations.get(1).get(3);
    assertThat(Json.parse(answer.text())).as("gate result")
        .isEqualTo(Json.parse("{\"approved\":true,\"approver\":\"alice\"}"));
    assertThat(((SystemMessage) conversations.get(0).get(0)).text()).as("system prompt from the file")
        .isEqualTo("You run the help desk.");
  }

  @Test
  void a_service_tool_is_a_step_described_as_data_with_its_number_and_arguments() throws Exception {
    WorkloadAgent agent = agent(List.of(call("close_case", "{\"case_id\":\"C-1\"}", "c-1"), AiMessage.from("ok")));
    List<StepCall> described = new ArrayList<>();
    DescribedStepsContext context = new DescribedStepsContext((task, call) -> {
      described.add(call);
      return call.kind() == StepCall.Kind.MODEL ? agent.stepExecutor().orElseThrow().execute(task, call) : "{}";
    });

    agent.run(context);

    assertThat(described).extracting(StepCall::name).as("steps")
        .containsExactly("model/1", "tool/1/close_case", "model/2");
    assertThat(Json.parse(described.get(1).input())).as("tool step input").isEqualTo(Json.parse(
        "{\"step\":1,\"tool\":\"close_case\",\"arguments\":\"{\\\"case_id\\\":\\\"C-1\\\"}\"}"));
  }

  private WorkloadAgent agent(List<AiMessage> answers) throws Exception {
    Workload workload = WorkloadFile.read(Files.writeString(dir.resolve("w.json"), WORKLOAD), Map.of()).workload();
    List<AiMessage> script = new ArrayList<>(answers);
    ModelGateway model = conversation -> {
      conversations.add(List.copyOf(conversation));
      return script.remove(0);
    };
    WorkloadTools tools = new WorkloadTools(workload, Map.of("cases", ServiceClient.of("cases",
        java.net.http.HttpClient.newHttpClient(), java.net.URI.create("http://127.0.0.1:9/cases"), d -> {})));
    return new WorkloadAgent(model, tools, userToken -> service -> null);
  }

  private static AiMessage call(String tool, String arguments, String id) {
    return AiMessage.from(ToolExecutionRequest.builder().id(id).name(tool).arguments(arguments).build());
  }
}
