package dev.crashtest.fakes.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.fakes.InjectedFault;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ModelAdminClient} injects and heals faults over the operator API as {@link ModelEndpoint#inject} does. */
class ModelAdminClientIT {
  private ModelEndpoint endpoint;

  @BeforeEach
  void start() {
    endpoint = ModelEndpoint.builder().start();
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @Test
  void a_fault_injected_over_http_is_the_one_injected_in_process_until_healed() {
    ModelFault fault = ModelFault.rateLimited(Duration.ofSeconds(2)).forRequests(3);
    InjectedFault remote = ModelAdminClient.at(endpoint.baseUrl()).inject(fault);
    InjectedFault local = endpoint.inject(fault);

    assertThat(remote.description()).as("description over http").isEqualTo(local.description());
    assertThat(endpoint.faults().active()).as("active in the endpoint").hasSize(2);

    remote.heal();
    local.heal();

    assertThat(endpoint.faults().active()).as("active after heal").isEmpty();
    assertThat(remote.active()).as("remote fault after heal").isFalse();
  }

  @Test
  void a_tool_renamed_over_http_is_called_by_its_new_name_until_healed() throws Exception {
    WireClient client = new WireClient(endpoint.baseUrl());
    InjectedFault rename = ModelAdminClient.at(endpoint.baseUrl()).renameTool("create_quote", "create_quote_v2");

    assertThat(rename.description()).as("description")
        .isEqualTo("the model calls tool [create_quote] by its new name [create_quote_v2] when offered");
    assertThat(rename.active()).as("active over http").isTrue();
    assertThat(calledAfterGetAccount(client)).as("the tool called, offered only the new name")
        .isEqualTo("create_quote_v2");

    rename.heal();

    assertThat(rename.active()).as("active after heal").isFalse();
    assertThat(calledAfterGetAccount(client)).as("the tool called after heal").isEqualTo("create_quote");
  }

  /** The tool the model calls after get_account, offered create_quote only by its new name. */
  private static String calledAfterGetAccount(WireClient client) throws Exception {
    ObjectNode body = (ObjectNode) WireClient.JSON.readTree(WireClient.body(false, WireClient.afterGetAccount()));
    body.set("tools", WireClient.JSON.readTree(
        ProcurementTools.TOOLS.replace("\"create_quote\"", "\"create_quote_v2\"")));
    HttpResponse<String> answer = client.admin("POST", "/v1/chat/completions", WireClient.JSON.writeValueAsString(body));
    return WireClient.JSON.readTree(answer.body()).at("/choices/0/message/tool_calls/0/function/name").asText();
  }
}
