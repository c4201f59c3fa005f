package dev.crashtest.agents;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

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
 * @param crmBaseUrl {@code HARNESS_CRM_BASE_URL}
 * @param idpIssuer {@code HARNESS_IDP_ISSUER}
 * @param clientId {@code HARNESS_AGENT_CLIENT_ID}
 * @param clientSecretFile {@code HARNESS_AGENT_CLIENT_SECRET_FILE}, re-read at every token exchange
 * @param port {@code HARNESS_AGENT_PORT}
 * @param stateDir {@code HARNESS_STATE_DIR}
 * @param streaming {@code CRASHTEST_AGENT_STREAMING=true}: call the model with {@code "stream": true}
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
    boolean streaming) {

  /** The variable that switches the Java agent to the streaming model. */
  public static final String STREAMING_VARIABLE = "CRASHTEST_AGENT_STREAMING";

  /**
   * Reads the contract's variables.
   *
   * @throws IllegalArgumentException naming the first missing or malformed variable
   */
  public static AgentConfig fromEnvironment(Map<String, String> env) {
    return new AgentConfig(
        required(env, "HARNESS_MODEL_BASE_URL"),
        required(env, "HARNESS_MODEL_API_KEY"),
        URI.create(required(env, "HARNESS_CRM_BASE_URL")),
        URI.create(required(env, "HARNESS_IDP_ISSUER")),
        required(env, "HARNESS_AGENT_CLIENT_ID"),
        Path.of(required(env, "HARNESS_AGENT_CLIENT_SECRET_FILE")),
        port(required(env, "HARNESS_AGENT_PORT")),
        Path.of(required(env, "HARNESS_STATE_DIR")),
        Boolean.parseBoolean(env.getOrDefault(STREAMING_VARIABLE, "false").trim()));
  }

  /** A copy that calls the model with streaming on. */
  public AgentConfig withStreaming(boolean value) {
    return new AgentConfig(modelBaseUrl, modelApiKey, crmBaseUrl, idpIssuer, clientId, clientSecretFile, port,
        stateDir, value);
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
        + ", clientId=" + clientId + ", port=" + port + ", stateDir=" + stateDir + ", streaming=" + streaming + "]";
  }
}
