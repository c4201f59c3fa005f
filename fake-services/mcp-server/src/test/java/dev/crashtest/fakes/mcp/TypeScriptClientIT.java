package dev.crashtest.fakes.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.fakes.ServiceEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fake MCP server driven by a client that is not ours: the official TypeScript SDK ({@code
 * @modelcontextprotocol/sdk} 1.32.2, installed by {@code ci/install-node-mcp.sh}) runs {@code
 * src/test/node/mcp-client.mjs} under {@code node}. Missing node or package is a failure naming the script, never a
 * skip: CI provisions both ({@code .ci/run}).
 */
class TypeScriptClientIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INSTALL = "run ci/install-node-mcp.sh (needs Node.js and npm) and test again";

  private final McpWorld world = McpWorld.start();

  @TempDir
  Path work;

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void the_typescript_sdk_client_initializes_lists_calls_and_initializes_again_after_its_session_expired()
      throws Exception {
    JsonNode out = run(world.agentToken());

    assertThat(out.path("tools")).as("tools/list").isEqualTo(JSON.valueToTree(List.of("get_account", "create_quote")));
    assertThat(out.path("firstCall").path("isError").asBoolean(true)).as("first call, %s", out).isFalse();
    assertThat(out.path("firstCall").path("quoteId").asText()).as("quote id").startsWith("Q-");
    assertThat(out.path("expired").path("status").asInt()).as("status after expiry, %s", out.path("expired"))
        .isEqualTo(404);
    assertThat(out.path("secondSession").asText()).as("a new session")
        .isNotEqualTo(out.path("firstSession").asText());
    assertThat(out.path("secondCall").path("quoteId").asText()).as("the retry with the same key is replayed")
        .isEqualTo(out.path("firstCall").path("quoteId").asText());

    assertThat(world.mcpEvents(McpEvents.INITIALIZE)).extracting(e -> e.details().get("clientName"))
        .containsExactly("crashtest-ts-client", "crashtest-ts-client");
    assertThat(world.mcpEvents(McpEvents.SESSION_MISSING)).extracting(e -> e.details().get("sessionId"))
        .as("requests on the forgotten session").contains(out.path("firstSession").asText());
    assertThat(world.mcpEvents(McpEvents.TOOLS_CALL)).extracting(ServiceEvent::details)
        .extracting(d -> d.get("idempotencyKey"), d -> d.get("replayed"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("TS-1/1/create_quote", null),
            org.assertj.core.groups.Tuple.tuple("TS-1/1/create_quote", true));
    assertThat(world.crm.audit()).filteredOn(r -> r.effect() != null).as("quotes at the CRM").hasSize(1);
  }

  private JsonNode run(String token) throws IOException, InterruptedException {
    Path modules = nodeModules();
    Path node = onPath("node");
    Files.copy(Path.of("src", "test", "node", "mcp-client.mjs"), work.resolve("mcp-client.mjs"));
    Files.createSymbolicLink(work.resolve("node_modules"), modules);
    Path output = work.resolve("out.txt");
    Process process = new ProcessBuilder(node.toString(), "mcp-client.mjs", world.mcp.mcpUrl().toString(), token)
        .directory(work.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("node mcp-client.mjs did not finish within 60 s; its output:\n" + Files.readString(output));
    }
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    List<String> lines = printed.lines().filter(line -> line.startsWith("{")).toList();
    assertThat(process.exitValue()).as("exit status of node mcp-client.mjs; output:\n%s", printed).isZero();
    assertThat(lines).as("JSON lines printed by mcp-client.mjs; output:\n%s", printed).isNotEmpty();
    return JSON.readTree(lines.get(lines.size() - 1));
  }

  /**
   * Where ci/install-node-mcp.sh put the package; runs the script on first use (npm, into the cache, offline
   * afterwards), as the Restate tests provision their server; fails, naming the script, when it cannot.
   */
  static Path nodeModules() {
    Map<String, String> env = System.getenv();
    Path dir = env.containsKey("CRASHTEST_NODE_MCP_DIR") ? Path.of(env.get("CRASHTEST_NODE_MCP_DIR"))
        : Path.of(env.getOrDefault("CRASHTEST_CACHE", System.getProperty("user.home") + "/.cache/crashtest"),
            "node-mcp");
    Path modules = dir.resolve("node_modules").toAbsolutePath();
    if (!Files.isRegularFile(modules.resolve("@modelcontextprotocol/sdk/package.json"))) {
      onPath("npm");
      Path script = Path.of("..", "..", "ci", "install-node-mcp.sh").toAbsolutePath().normalize();
      try {
        Process install = new ProcessBuilder(script.toString()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!install.waitFor(5, java.util.concurrent.TimeUnit.MINUTES) || install.exitValue() != 0) {
          fail("[" + script + "] could not install the MCP TypeScript SDK: " + INSTALL);
        }
      } catch (java.io.IOException e) {
        fail("could not run [" + script + "]: " + e.getMessage() + "; " + INSTALL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted installing the MCP TypeScript SDK");
      }
    }
    if (!Files.isRegularFile(modules.resolve("@modelcontextprotocol/sdk/package.json"))) {
      fail("the MCP TypeScript SDK is not installed at [" + modules + "]: " + INSTALL);
    }
    return modules;
  }

  private static Path onPath(String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .map(dir -> Path.of(dir, command)).filter(Files::isExecutable).findFirst()
        .orElseGet(() -> fail("[" + command + "] is not on the PATH: " + INSTALL));
  }
}
