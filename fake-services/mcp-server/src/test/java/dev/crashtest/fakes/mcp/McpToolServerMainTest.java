package dev.crashtest.fakes.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McpToolServerMainTest {
  @TempDir
  Path dir;

  @Test
  void without_a_config_the_main_says_which_option_is_missing() {
    assertThatThrownBy(() -> McpToolServerMain.configure(new String[] {"--port", "0"}))
        .hasMessage("mcp-server: missing option [--config]; give the JSON file that names the identity provider,"
            + " services and tools, e.g. --config run-1/mcp.json");
  }

  @Test
  void a_tool_with_a_bad_method_names_the_file_and_the_field() throws Exception {
    Path config = dir.resolve("mcp.json");
    Files.writeString(config, "{\"issuer\":\"http://127.0.0.1:1/crashtest\",\"jwksUri\":\"http://127.0.0.1:1/jwks\","
        + "\"tokenEndpoint\":\"http://127.0.0.1:1/token\",\"clientSecret\":\"s\",\"services\":{\"crm\":"
        + "\"http://127.0.0.1:2\"},\"tools\":[{\"name\":\"t\",\"inputSchema\":{\"type\":\"object\"},"
        + "\"service\":\"crm\",\"method\":\"FETCH\",\"path\":\"/x\"}]}");

    assertThatThrownBy(() -> McpToolServerMain.configure(new String[] {"--config", config.toString()}))
        .hasMessage("mcp-server: config [" + config + "]: field [tools[0]]: mcp: tool [t] method [FETCH] is not one"
            + " of " + java.util.Set.of("GET", "POST", "PUT", "PATCH", "DELETE"));
  }

  @Test
  void a_good_config_gives_a_builder() throws Exception {
    Path config = dir.resolve("mcp.json");
    Files.writeString(dir.resolve("secret"), "s3cret\n");
    Files.writeString(config, "{\"issuer\":\"http://127.0.0.1:1/crashtest\",\"jwksUri\":\"http://127.0.0.1:1/jwks\","
        + "\"tokenEndpoint\":\"http://127.0.0.1:1/token\",\"clientSecretFile\":\"secret\",\"services\":{\"crm\":"
        + "\"http://127.0.0.1:2\"},\"tools\":[{\"name\":\"t\",\"inputSchema\":{\"type\":\"object\"},"
        + "\"service\":\"crm\",\"method\":\"get\",\"path\":\"/x\"}]}");

    assertThat(McpToolServerMain.configure(new String[] {"--config", config.toString()})).isNotNull();
  }
}
