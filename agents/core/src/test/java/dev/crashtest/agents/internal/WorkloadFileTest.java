package dev.crashtest.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class WorkloadFileTest {
  static final String SUPPORT = """
      {"name": "support-desk", "model": "crashtest-support",
       "tools": [
         {"name": "get_order", "description": "Look up an order.",
          "parameters": {"type": "object", "properties": {"order_id": {"type": "string"}}, "required": ["order_id"]},
          "service": "orders", "method": "GET", "path": "/orders/{order_id}", "body": null, "gate": false,
          "scope": "orders.read"},
         {"name": "request_approval", "description": "Ask a human.",
          "parameters": {"type": "object", "properties": {"reason": {"type": "string"}}, "required": ["reason"]},
          "gate": true},
         {"name": "create_refund", "description": "Refund an order.",
          "parameters": {"type": "object", "properties": {"order_id": {"type": "string"},
            "amount": {"type": "number", "minimum": 0}}, "required": ["order_id", "amount"]},
          "service": "refunds", "method": "post", "path": "/refunds",
          "body": {"orderId": "{order_id}", "amount": "{amount}"}, "gate": false, "scope": "refunds.write"}],
       "services": {"orders": "http://127.0.0.1:41005/orders/", "refunds": "http://127.0.0.1:41006/refunds"}}
      """;

  @TempDir Path dir;

  @Test
  void reads_the_tools_their_calls_and_the_service_urls() throws Exception {
    WorkloadFile file = WorkloadFile.read(write(SUPPORT), Map.of());

    Workload workload = file.workload();
    assertThat(workload.name()).as("name").isEqualTo("support-desk");
    assertThat(workload.model()).as("model").isEqualTo("crashtest-support");
    assertThat(workload.tools()).extracting(WorkloadTool::name).as("tools, in file order")
        .containsExactly("get_order", "request_approval", "create_refund");
    assertThat(workload.tool("request_approval").orElseThrow().gate()).as("gate").isTrue();
    WorkloadTool refund = workload.tool("create_refund").orElseThrow();
    assertThat(refund.method()).as("method, upper case").isEqualTo("POST");
    assertThat(refund.isWrite()).as("write").isTrue();
    assertThat(refund.body()).as("body template").isEqualTo(Json.parse("{\"orderId\":\"{order_id}\",\"amount\":\"{amount}\"}"));
    assertThat(workload.scopes("refunds")).as("refunds scopes").containsExactly("refunds.write");
    assertThat(file.serviceUrls()).as("service URLs, no trailing slash").isEqualTo(Map.of(
        "orders", URI.create("http://127.0.0.1:41005/orders"),
        "refunds", URI.create("http://127.0.0.1:41006/refunds")));
    assertThat(workload.instructions()).as("system prompt of a file without one")
        .isEqualTo(Workload.GENERIC_INSTRUCTIONS);
  }

  @Test
  void harness_service_url_variables_win_over_the_file() throws Exception {
    WorkloadFile file = WorkloadFile.read(write(SUPPORT),
        Map.of("HARNESS_SERVICE_REFUNDS_URL", "http://127.0.0.1:5000/r/"));

    assertThat(file.serviceUrls().get("refunds")).as("refunds").isEqualTo(URI.create("http://127.0.0.1:5000/r"));
    assertThat(file.serviceUrls().get("orders")).as("orders, from the file")
        .isEqualTo(URI.create("http://127.0.0.1:41005/orders"));
  }

  @Test
  void the_url_variable_is_the_service_name_upper_case_with_dashes_as_underscores() {
    assertThat(WorkloadFile.urlVariable("help-desk")).isEqualTo("HARNESS_SERVICE_HELP_DESK_URL");
  }

  @Test
  void the_crm_falls_back_to_harness_crm_base_url() throws Exception {
    String crmOnly = SUPPORT.replace("\"orders\"", "\"crm\"").replace(
        "\"services\": {\"crm\": \"http://127.0.0.1:41005/orders/\", ", "\"services\": {");

    WorkloadFile file = WorkloadFile.read(write(crmOnly), Map.of("HARNESS_CRM_BASE_URL", "http://127.0.0.1:41002"));

    assertThat(file.serviceUrls().get("crm")).as("crm").isEqualTo(URI.create("http://127.0.0.1:41002"));
  }

  @Test
  void a_service_without_a_url_names_the_variable_to_set() throws Exception {
    String noRefundsUrl = SUPPORT.replace(", \"refunds\": \"http://127.0.0.1:41006/refunds\"", "");
    Path file = write(noRefundsUrl);

    assertThatThrownBy(() -> WorkloadFile.read(file, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("workload file [" + file + "]: field [services.refunds] no base URL for service [refunds]: set"
            + " HARNESS_SERVICE_REFUNDS_URL or give it in the file's [services], e.g. \"services\": {\"refunds\":"
            + " \"http://127.0.0.1:41005/refunds\"}");
  }

  @Test
  void a_bad_tool_is_refused_with_its_field() throws Exception {
    Path badMethod = write(SUPPORT.replace("\"method\": \"post\"", "\"method\": \"FETCH\""));
    Path noService = write(SUPPORT.replace("\"service\": \"orders\", ", ""));
    Path twice = write(SUPPORT.replace("\"name\": \"create_refund\"", "\"name\": \"get_order\""));

    assertThatThrownBy(() -> WorkloadFile.read(badMethod, Map.of())).hasMessage("workload file [" + badMethod
        + "]: field [tools[2].method] [FETCH] is not one of GET, POST, PUT, PATCH, DELETE");
    assertThatThrownBy(() -> WorkloadFile.read(noService, Map.of()))
        .hasMessage("workload file [" + noService + "]: field [tools[0].service] is missing");
    assertThatThrownBy(() -> WorkloadFile.read(twice, Map.of()))
        .hasMessage("workload file [" + twice + "]: field [tools[2].name] [get_order] is used by an earlier tool too");
  }

  @Test
  void a_file_that_is_not_json_or_not_there_is_named() throws Exception {
    Path broken = write("{\"name\": ");
    Path absent = dir.resolve("absent.json");

    assertThatThrownBy(() -> WorkloadFile.read(broken, Map.of()))
        .hasMessageStartingWith("workload file [" + broken + "] named by HARNESS_WORKLOAD_FILE cannot be read: ");
    assertThatThrownBy(() -> WorkloadFile.read(absent, Map.of()))
        .hasMessageStartingWith("workload file [" + absent + "] named by HARNESS_WORKLOAD_FILE cannot be read: ");
  }

  @Test
  void the_model_gets_the_workloads_model_name_and_the_tools_as_the_file_defines_them() throws Exception {
    Workload workload = WorkloadFile.read(write(SUPPORT), Map.of()).workload();
    try (RecordingServer model = RecordingServer.start(request -> Reply.json(200, ProcurementToolsTest.ANSWER))) {
      LangChainModelGateway.plain(model.baseUrl() + "/v1", "k", workload, duration -> {})
          .next(List.of(UserMessage.from("Refund order ORD-1001")));

      JsonNode sent = Json.parse(model.requests().get(0).body());
      assertThat(sent.get("model").asText()).as("model").isEqualTo("crashtest-support");
      assertThat(sent.at("/tools/2/function/name").asText()).as("third tool").isEqualTo("create_refund");
      assertThat(sent.at("/tools/2/function/parameters")).as("its parameters, as in the file").isEqualTo(Json.parse(
          "{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\"},"
              + "\"amount\":{\"type\":\"number\",\"minimum\":0}},\"required\":[\"order_id\",\"amount\"]}"));
    }
  }

  @Test
  void procurement_as_data_declares_todays_crm_calls_and_scopes() {
    Workload procurement = Workload.procurement();

    assertThat(procurement.services()).as("services").containsExactly("crm");
    assertThat(procurement.scopes("crm")).as("scopes the exchange asks for").containsExactly("crm.read", "crm.write");
    assertThat(procurement.tools()).filteredOn(WorkloadTool::isWrite).extracting(WorkloadTool::name).as("writes")
        .containsExactly("create_quote", "place_order", "add_note");
    assertThat(procurement.tools()).filteredOn(WorkloadTool::gate).extracting(WorkloadTool::name).as("gates")
        .containsExactly("request_approval");
    assertThat(procurement.specifications()).as("tool definitions").isEqualTo(ProcurementTools.all());
  }

  private Path write(String json) throws Exception {
    return Files.writeString(Files.createTempFile(dir, "workload", ".json"), json);
  }
}
