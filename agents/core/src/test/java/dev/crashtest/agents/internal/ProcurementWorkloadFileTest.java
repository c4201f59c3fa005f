package dev.crashtest.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crashtest.agents.testing.RecordingServer;
import dev.crashtest.agents.testing.RecordingServer.Reply;
import dev.langchain4j.data.message.UserMessage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Procurement as the harness writes it into {@code HARNESS_WORKLOAD_FILE} is the built-in {@link
 * Workload#procurement()}: the same calls, scopes, gate and tool definitions, so an agent handed the file behaves as
 * one without it.
 */
class ProcurementWorkloadFileTest {
  static final String PROCUREMENT_FILE = """
      {"name": "procurement", "model": "crashtest-procurement",
       "tools": [
         {"name": "get_account", "description": "Read a CRM account.",
          "parameters": {"type": "object", "properties": {"account_id": {"type": "string"}}, "required": ["account_id"]},
          "service": "crm", "method": "GET", "path": "/accounts/{account_id}", "body": null, "gate": false,
          "scope": "crm.read"},
         {"name": "create_quote", "description": "Create a price quote for an account.",
          "parameters": {"type": "object", "properties": {"account_id": {"type": "string"}, "sku": {"type": "string"},
            "quantity": {"type": "integer", "minimum": 1}}, "required": ["account_id", "sku", "quantity"]},
          "service": "crm", "method": "POST", "path": "/quotes",
          "body": {"accountId": "{account_id}", "sku": "{sku}", "quantity": "{quantity}"}, "gate": false,
          "scope": "crm.write"},
         {"name": "request_approval", "description": "Ask a human to approve a quote before ordering. Blocks until approved.",
          "parameters": {"type": "object", "properties": {"quote_id": {"type": "string"}}, "required": ["quote_id"]},
          "gate": true},
         {"name": "place_order", "description": "Place an order for an approved quote.",
          "parameters": {"type": "object", "properties": {"quote_id": {"type": "string"}}, "required": ["quote_id"]},
          "service": "crm", "method": "POST", "path": "/orders", "body": {"quoteId": "{quote_id}"}, "gate": false,
          "scope": "crm.write"},
         {"name": "add_note", "description": "Add a note to an account.",
          "parameters": {"type": "object", "properties": {"account_id": {"type": "string"}, "text": {"type": "string"}},
            "required": ["account_id", "text"]},
          "service": "crm", "method": "POST", "path": "/accounts/{account_id}/notes", "body": {"text": "{text}"},
          "gate": false, "scope": "crm.write"}],
       "services": {"crm": "http://127.0.0.1:41002"}}
      """;

  @TempDir Path dir;

  @Test
  void the_file_form_of_procurement_makes_the_same_calls_as_the_built_in_one() throws Exception {
    WorkloadFile file = WorkloadFile.read(Files.writeString(dir.resolve("procurement.json"), PROCUREMENT_FILE),
        Map.of("HARNESS_SERVICE_CRM_URL", "http://127.0.0.1:41002"));
    Workload builtIn = Workload.procurement();

    assertThat(file.workload().model()).as("model").isEqualTo(builtIn.model());
    assertThat(file.workload().tools()).extracting(WorkloadTool::name, WorkloadTool::service, WorkloadTool::method,
            WorkloadTool::path, WorkloadTool::body, WorkloadTool::gate, WorkloadTool::scope).as("tools as calls")
        .isEqualTo(builtIn.tools().stream().map(tool -> org.assertj.core.groups.Tuple.tuple(tool.name(),
            tool.service(), tool.method(), tool.path(), tool.body(), tool.gate(), tool.scope())).toList());
    assertThat(file.workload().scopes("crm")).as("scopes").isEqualTo(builtIn.scopes("crm"));
    assertThat(file.serviceUrls()).as("URLs").isEqualTo(Map.of("crm", URI.create("http://127.0.0.1:41002")));
    assertThat(sentTools(file.workload())).as("tools sent to the model").isEqualTo(sentTools(builtIn))
        .isEqualTo(ProcurementToolsTest.contractTools());
  }

  private static JsonNode sentTools(Workload workload) throws Exception {
    try (RecordingServer model = RecordingServer.start(request -> Reply.json(200, ProcurementToolsTest.ANSWER))) {
      LangChainModelGateway.plain(model.baseUrl() + "/v1", "k", workload, duration -> {})
          .next(List.of(UserMessage.from("Buy 5 units of LAPTOP-14 for account ACME-001.")));
      return Json.parse(model.requests().get(0).body()).get("tools");
    }
  }
}
