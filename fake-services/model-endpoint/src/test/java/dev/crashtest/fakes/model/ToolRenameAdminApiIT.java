package dev.crashtest.fakes.model;

import static dev.crashtest.fakes.model.WireClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tool-rename admin API on the model endpoint's own port: what {@code renameTool} does, for another process. */
class ToolRenameAdminApiIT {
  private static final String RENAMES = "/__crashtest/tool-renames";

  private ModelEndpoint endpoint;
  private WireClient client;

  @BeforeEach
  void start() {
    endpoint = ModelEndpoint.builder().start();
    client = new WireClient(endpoint.baseUrl());
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @Test
  void post_renames_get_lists_and_delete_by_id_heals() throws Exception {
    HttpResponse<String> created = client.admin("POST", RENAMES, "{\"from\": \"place_order\", \"to\": \"submit_order\"}");
    client.admin("POST", RENAMES, "{\"from\": \"create_quote\", \"to\": \"create_quote_v2\"}");

    assertThat(created.statusCode()).as("status, body " + created.body()).isEqualTo(201);
    assertThat(JSON.readTree(created.body())).as("body").isEqualTo(JSON.readTree("{\"id\": \"rename-1\", "
        + "\"description\": \"the model calls tool [place_order] by its new name [submit_order] when offered\"}"));
    assertThat(ids(client.admin("GET", RENAMES, null))).as("listed").isEqualTo("[rename-1, rename-2]");

    assertThat(client.admin("DELETE", RENAMES + "/rename-1", null).statusCode()).as("delete one").isEqualTo(204);
    assertThat(ids(client.admin("GET", RENAMES, null))).as("listed after delete").isEqualTo("[rename-2]");

    assertThat(client.admin("DELETE", RENAMES, null).statusCode()).as("delete all").isEqualTo(204);
    assertThat(ids(client.admin("GET", RENAMES, null))).as("listed after delete all").isEqualTo("[]");
  }

  @Test
  void a_rename_without_a_target_is_refused_naming_the_field() throws Exception {
    HttpResponse<String> refused = client.admin("POST", RENAMES, "{\"from\": \"place_order\"}");

    assertThat(refused.statusCode()).as("status").isEqualTo(400);
    assertThat(JSON.readTree(refused.body())).as("body").isEqualTo(JSON.readTree("{\"error\": \"invalid_rename\", "
        + "\"field\": \"to\", \"message\": \"model: field [to] must be a tool name, e.g. {\\\"from\\\": "
        + "\\\"place_order\\\", \\\"to\\\": \\\"submit_order\\\"}\"}"));
  }

  @Test
  void healing_an_unknown_rename_is_a_404_that_lists_the_active_ones() throws Exception {
    client.admin("POST", RENAMES, "{\"from\": \"place_order\", \"to\": \"submit_order\"}");

    HttpResponse<String> missing = client.admin("DELETE", RENAMES + "/rename-9", null);

    assertThat(missing.statusCode()).as("status").isEqualTo(404);
    assertThat(JSON.readTree(missing.body()).path("message").asText()).as("message")
        .isEqualTo("model: no active tool rename [rename-9]; active: [rename-1]");
  }

  private static String ids(HttpResponse<String> listed) throws Exception {
    StringBuilder ids = new StringBuilder("[");
    for (JsonNode rename : JSON.readTree(listed.body())) {
      ids.append(ids.length() > 1 ? ", " : "").append(rename.path("id").asText());
    }
    return ids.append("]").toString();
  }
}
