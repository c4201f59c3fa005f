package dev.crashtest.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crashtest.agents.testing.RecordingServer;
import dev.crashtest.agents.testing.RecordingServer.Reply;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcurementToolsTest {
  static final String ANSWER = "{\"id\":\"c-1\",\"object\":\"chat.completion\",\"created\":1,"
      + "\"model\":\"crashtest-procurement\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
      + "\"content\":\"done\"},\"finish_reason\":\"stop\"}]}";

  @Test
  void tools_are_the_five_of_the_contract_in_its_order() {
    assertThat(ProcurementTools.all()).extracting(ToolSpecification::name)
        .as("tool names")
        .containsExactly("get_account", "create_quote", "request_approval", "place_order", "add_note");
  }

  @Test
  void tools_sent_to_the_model_are_exactly_the_contract_definitions() throws Exception {
    try (RecordingServer model = RecordingServer.start(request -> Reply.json(200, ANSWER))) {
      LangChainModelGateway.plain(model.baseUrl() + "/v1", "key-1", duration -> {})
          .next(List.of(SystemMessage.from("system"), UserMessage.from("Buy 5 units.")));

      JsonNode sent = Json.parse(model.requests("POST", "/v1/chat/completions").get(0).body());
      assertThat(sent.get("tools")).as("tools in the request").isEqualTo(contractTools());
    }
  }

  @Test
  void request_names_the_model_carries_the_key_and_starts_with_system_and_goal() throws Exception {
    try (RecordingServer model = RecordingServer.start(request -> Reply.json(200, ANSWER))) {
      LangChainModelGateway.plain(model.baseUrl() + "/v1", "key-1", duration -> {})
          .next(List.of(SystemMessage.from("system"), UserMessage.from("Buy 5 units.")));

      RecordingServer.Recorded request = model.requests().get(0);
      JsonNode sent = Json.parse(request.body());
      assertThat(request.header("Authorization")).as("Authorization").isEqualTo("Bearer key-1");
      assertThat(sent.get("model").asText()).as("model").isEqualTo("crashtest-procurement");
      assertThat(sent.at("/messages/0/role").asText()).as("first role").isEqualTo("system");
      assertThat(sent.at("/messages/1/content").asText()).as("goal").isEqualTo("Buy 5 units.");
    }
  }

  /** The JSON block of section 3.1 of docs/agent-contract.md, so the test follows the contract. */
  static JsonNode contractTools() throws Exception {
    String contract = Files.readString(Path.of("..", "..", "docs", "agent-contract.md"));
    int section = contract.indexOf("### 3.1");
    int start = contract.indexOf("```json", section) + "```json".length();
    int end = contract.indexOf("```", start);
    return Json.parse(contract.substring(start, end));
  }
}
