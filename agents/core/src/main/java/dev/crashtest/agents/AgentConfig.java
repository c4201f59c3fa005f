package dev.crashtest.agents;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agent's environment (contract, section 1), read and checked once at start.
 * {@link #toString()} never shows the model API key.
 *
 * <pre>{@code
 * AgentConfig config = AgentConfig.fromEnvironment(System.getenv());
 * }</pre>
 *
 * @param modelBaseUrl {@code HARNESS_MODEL_BASE_URL}, ends in {@code /v1}
 * @param modelApiKey {@code HARNESS_MODEL_API_KEY}
 * @param crmBaseUrl {@code HARNESS_CRM_BASE_URL}; required without a workload file, else {@code null} when unset
 * @param idpIssuer {@code HARNESS_IDP_ISSUER}
 * @param clientId {@code HARNESS_AGENT_CLIENT_ID}
 * @param clientSecretFile {@code HARNESS_AGENT_CLIENT_SECRET_FILE}, re-read at every token exchange
 * @param port {@code HARNESS_AGENT_PORT}
 * @param stateDir {@code HARNESS_STATE_DIR}
 * @param streaming {@code CRASHTEST_AGENT_STREAMING=true}: call the model with {@code "stream": true}
 * @param workloadFile {@code HARNESS_WORKLOAD_FILE}, or {@code null}: procurement, built in
 * @param serviceUrls every {@code HARNESS_SERVICE_<NAME>_URL} variable (and {@code HARNESS_CRM_BASE_URL}) as set
 * @param mcpUrl {@code HARNESS_MCP_URL}, or {@code null}: tools over REST. When set, every tool is called on this MCP
 *     server (contract, section 3.4) and the service URLs go unused
 * @param mcpToolTimeout {@code HARNESS_MCP_TOOL_TIMEOUT_MS}, 10 s by default: an MCP request with no answer by then
 *     is repeated with the same idempotency key
 */
public record AgentConfig(
    String modelBaseUrl,
    String modelApiKey,
    URI crmBaseUrl,
    URI idpIssuer,
    String clientId,
    Path clientSecretFile,
    int port,
    Path stateDir,
    boolean streaming,
    Path workloadFile,
    Map<String, String> serviceUrls,
    URI mcpUrl,
    Duration mcpToolTimeout) {

  /** The variable that switches the Java agent to the streaming model. */
  public static final String STREAMING_VARIABLE = "CRASHTEST_AGENT_STREAMING";
  /** The variable naming the workload file; without it the agent runs procurement, built in. */
  public static final String WORKLOAD_VARIABLE = "HARNESS_WORKLOAD_FILE";
  /** The variable naming the MCP server's endpoint; without it tools go over REST. */
  public static final String MCP_URL_VARIABLE = "HARNESS_MCP_URL";
  /** The variable giving the MCP request timeout in milliseconds. */
  public static final String MCP_TIMEOUT_VARIABLE = "HARNESS_MCP_TOOL_TIMEOUT_MS";
  /** {@value #MCP_TIMEOUT_VARIABLE}'s default. */
  public static final Duration DEFAULT_MCP_TOOL_TIMEOUT = Duration.ofMillis(10_000);

  /**
   * Reads the contract's variables.
   *
   * @throws IllegalArgumentException naming the first missing or malformed variable
   */
  public static AgentConfig fromEnvironment(Map<String, String> env) {
    String workloadFile = env.get(WORKLOAD_VARIABLE);
    boolean builtIn = workloadFile == null || workloadFile.isBlank();
    Map<String, String> serviceUrls = new TreeMap<>();
    env.forEach((name, value) -> {
      if ((name.startsWith("HARNESS_SERVICE_") && name.endsWith("_URL") || name.equals("HARNESS_CRM_BASE_URL"))
          && value != null && !value.isBlank()) {
        serviceUrls.put(name, value.trim());
      }
    });
    String modelBaseUrl = required(env, "HARNESS_MODEL_BASE_URL");
    String modelApiKey = required(env, "HARNESS_MODEL_API_KEY");
    // Procurement, built in, needs the CRM; a workload file names its services' URLs itself.
    String crm = builtIn ? required(env, "HARNESS_CRM_BASE_URL") : serviceUrls.get("HARNESS_CRM_BASE_URL");
    return new AgentConfig(
        modelBaseUrl,
        modelApiKey,
        crm == null ? null : URI.create(crm),
        URI.create(required(env, "HARNESS_IDP_ISSUER")),
        required(env, "HARNESS_AGENT_CLIENT_ID"),
        Path.of(required(env, "HARNESS_AGENT_CLIENT_SECRET_FILE")),
        port(required(env, "HARNESS_AGENT_PORT")),
        Path.of(required(env, "HARNESS_STATE_DIR")),
        Boolean.parseBoolean(env.getOrDefault(STREAMING_VARIABLE, "false").trim()),
        builtIn ? null : Path.of(workloadFile.trim()),
        serviceUrls,
        mcpUrl(env.get(MCP_URL_VARIABLE)),
        mcpTimeout(env.get(MCP_TIMEOUT_VARIABLE)));
  }

  public AgentConfig {
    serviceUrls = Map.copyOf(serviceUrls);
    mcpToolTimeout = mcpToolTimeout == null ? DEFAULT_MCP_TOOL_TIMEOUT : mcpToolTimeout;
  }

  /** Whether the tools go through the MCP server {@link #mcpUrl()}. */
  public boolean toolsOverMcp() {
    return mcpUrl != null;
  }

  private static URI mcpUrl(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      URI url = URI.create(raw.trim());
      if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getRawAuthority() == null) {
        throw new IllegalArgumentException("not an http URL");
      }
      return url;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(MCP_URL_VARIABLE + " [" + raw + "] is not an http URL; see "
          + "docs/agent-contract.md, section 3.4 (for example: " + MCP_URL_VARIABLE + "=http://127.0.0.1:41007/mcp)");
    }
  }

  private static Duration mcpTimeout(String raw) {
    if (raw == null || raw.isBlank()) {
      return DEFAULT_MCP_TOOL_TIMEOUT;
    }
    try {
      long millis = Long.parseLong(raw.trim());
      if (millis < 1) {
        throw new NumberFormatException();
      }
      return Duration.ofMillis(millis);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(MCP_TIMEOUT_VARIABLE + " [" + raw + "] is not a positive number of "
          + "milliseconds (for example: " + MCP_TIMEOUT_VARIABLE + "=10000)");
    }
  }

  /** A copy that calls the model with streaming on. */
  public AgentConfig withStreaming(boolean value) {
    return new AgentConfig(modelBaseUrl, modelApiKey, crmBaseUrl, idpIssuer, clientId, clientSecretFile, port,
        stateDir, value, workloadFile, serviceUrls, mcpUrl, mcpToolTimeout);
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing environment variable [" + name
          + "]; see docs/agent-contract.md, section 1 (for example: " + name + "=" + example(name) + ")");
    }
    return value.trim();
  }

  private static String example(String name) {
    return switch (name) {
      case "HARNESS_MODEL_BASE_URL" -> "http://127.0.0.1:41001/v1";
      case "HARNESS_CRM_BASE_URL" -> "http://127.0.0.1:41002";
      case "HARNESS_IDP_ISSUER" -> "http://127.0.0.1:41003/default";
      case "HARNESS_AGENT_PORT" -> "41000";
      case "HARNESS_STATE_DIR" -> "/tmp/agent-state";
      case "HARNESS_AGENT_CLIENT_SECRET_FILE" -> "/tmp/agent-secret";
      default -> "...";
    };
  }

  private static int port(String raw) {
    try {
      int port = Integer.parseInt(raw);
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("HARNESS_AGENT_PORT [" + raw + "] is not a TCP port (1-65535)");
    }
  }

  @Override
  public String toString() {
    return "AgentConfig[model=" + modelBaseUrl + ", crm=" + crmBaseUrl + ", issuer=" + idpIssuer
        + ", clientId=" + clientId + ", port=" + port + ", stateDir=" + stateDir + ", streaming=" + streaming
        + ", workload=" + (workloadFile == null ? "procurement (built in)" : workloadFile)
        + ", tools=" + (mcpUrl == null ? "rest" : "mcp " + mcpUrl + " (timeout " + mcpToolTimeout.toMillis() + " ms)")
        + "]";
  }
}
