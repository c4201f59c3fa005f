package dev.crashtest.agents;

import dev.crashtest.agents.internal.ControlServer;
import dev.crashtest.agents.internal.LangChainModelGateway;
import dev.crashtest.agents.internal.McpTools;
import dev.crashtest.agents.internal.ModelGateway;
import dev.crashtest.agents.internal.ServiceClient;
import dev.crashtest.agents.internal.Sleeper;
import dev.crashtest.agents.internal.TaskTokens;
import dev.crashtest.agents.internal.TokenExchange;
import dev.crashtest.agents.internal.Tools;
import dev.crashtest.agents.internal.Workload;
import dev.crashtest.agents.internal.WorkloadAgent;
import dev.crashtest.agents.internal.WorkloadFile;
import dev.crashtest.agents.internal.WorkloadTools;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the Java reference agent, for procurement or the workload {@code HARNESS_WORKLOAD_FILE} names: the control API on {@code 127.0.0.1:$HARNESS_AGENT_PORT} over the chosen
 * durability layer. Exits 2 with one line on standard error when an option or variable is wrong; exits 0
 * after {@code SIGTERM}, once the control API has stopped.
 *
 * <pre>{@code
 * java -cp agents.jar dev.crashtest.agents.ProcurementAgentMain --runtime naive [--streaming]
 * }</pre>
 */
public final class ProcurementAgentMain {
  static final int USAGE_ERROR = 2;

  private ProcurementAgentMain() {}

  public static void main(String[] args) throws InterruptedException {
    AgentOptions options;
    AgentConfig config;
    try {
      options = AgentOptions.parse(args);
      config = AgentConfig.fromEnvironment(System.getenv());
      config = config.withStreaming(config.streaming() || options.streaming());
    } catch (IllegalArgumentException e) {
      System.err.println("procurement-agent: " + e.getMessage());
      System.exit(USAGE_ERROR);
      return;
    }
    AutoCloseable agent;
    try {
      agent = start(options.runtime(), config);
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("procurement-agent: cannot start: " + e.getMessage());
      System.exit(USAGE_ERROR);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      closeQuietly(agent);
      stopped.countDown();
    }, "agent-shutdown"));
    Signals.exitZeroOnTerm();
    stopped.await();
  }

  /** Builds the agent and starts its control API; closing the result stops both. */
  static AutoCloseable start(String runtimeName, AgentConfig config) throws IOException {
    // First, before the runtime or a client opens a socket whose ephemeral port could be this one.
    ControlServer.Reserved port;
    try {
      port = ControlServer.reserve(config.port());
    } catch (IOException e) {
      throw new IOException("cannot bind 127.0.0.1:" + config.port() + " (" + e.getMessage()
          + "); is another agent still running on HARNESS_AGENT_PORT?", e);
    }
    try {
      return start(runtimeName, config, port);
    } catch (IOException | RuntimeException e) {
      port.close();
      throw e;
    }
  }

  private static AutoCloseable start(String runtimeName, AgentConfig config, ControlServer.Reserved port)
      throws IOException {
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
    WorkloadFile loaded = workload(config);
    Workload workload = loaded.workload();
    ModelGateway model = config.streaming()
        ? LangChainModelGateway.streaming(config.modelBaseUrl(), config.modelApiKey(), workload, Sleeper.SYSTEM)
        : LangChainModelGateway.plain(config.modelBaseUrl(), config.modelApiKey(), workload, Sleeper.SYSTEM);
    TokenExchange exchange = new TokenExchange(http, config.idpIssuer(), config.clientId(),
        config.clientSecretFile(), Clock.systemUTC());
    Tools tools = tools(config, loaded, http);
    WorkloadAgent workflow = new WorkloadAgent(model, tools,
        userToken -> TaskTokens.perService(exchange, workload, userToken, Clock.systemUTC()));
    TaskRuntime runtime;
    try {
      runtime = TaskRuntimes.create(runtimeName, workflow, config.stateDir());
    } catch (RuntimeException e) {
      tools.close();
      throw e;
    }
    ControlServer server = port.serve(runtime);
    System.out.println("procurement-agent listening on http://127.0.0.1:" + server.port() + " runtime="
        + runtime.name() + " model=" + (config.streaming() ? "streaming" : "plain") + " workload=" + workload.name()
        + " tools=" + (config.toolsOverMcp() ? "mcp " + config.mcpUrl() : "rest"));
    System.out.flush();
    return () -> {
      server.close();
      runtime.close();
      tools.close();
    };
  }

  /** The tools over MCP when {@code HARNESS_MCP_URL} is set (contract, section 3.4), else over REST. */
  static Tools tools(AgentConfig config, WorkloadFile loaded, HttpClient http) {
    if (config.toolsOverMcp()) {
      return McpTools.connect(loaded.workload(), config.mcpUrl(), config.mcpToolTimeout(), Sleeper.SYSTEM);
    }
    Map<String, ServiceClient> clients = new LinkedHashMap<>();
    loaded.serviceUrls().forEach((service, url) -> clients.put(service,
        ServiceClient.of(service, http, url, Sleeper.SYSTEM)));
    return new WorkloadTools(loaded.workload(), clients);
  }

  /**
   * The workload the agent runs: the file {@code HARNESS_WORKLOAD_FILE} names, or procurement, built in, on
   * {@code HARNESS_CRM_BASE_URL}. Both are the same data for the same code path.
   *
   * @throws IllegalArgumentException naming the file and field when the file cannot be used
   */
  static WorkloadFile workload(AgentConfig config) {
    if (config.workloadFile() == null) {
      return new WorkloadFile(Workload.procurement(), Map.of("crm", config.crmBaseUrl()));
    }
    return WorkloadFile.read(config.workloadFile(), config.serviceUrls());
  }

  private static void closeQuietly(AutoCloseable agent) {
    try {
      agent.close();
      System.out.println("procurement-agent stopped");
      System.out.flush();
    } catch (Exception e) {
      System.err.println("procurement-agent: error while stopping: " + e);
    }
  }
}
