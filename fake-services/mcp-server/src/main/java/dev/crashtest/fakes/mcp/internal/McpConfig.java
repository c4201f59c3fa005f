package dev.crashtest.fakes.mcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.fakes.mcp.McpTool;
import dev.crashtest.fakes.mcp.McpToolServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/** Reads {@code McpToolServerMain}'s config file into a builder; every refusal names the file and the field. */
public final class McpConfig {
  private static final ObjectMapper JSON = new ObjectMapper();

  private McpConfig() {}

  public static void read(Path file, McpToolServer.Builder builder) {
    JsonNode config;
    try {
      config = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("mcp-server: cannot read config [" + file + "]: " + e.getMessage());
    }
    builder.withIssuer(uri(file, config, "issuer")).withJwksUri(uri(file, config, "jwksUri"))
        .withTokenEndpoint(uri(file, config, "tokenEndpoint"));
    String clientId = config.path("clientId").asText(McpToolServer.DEFAULT_CLIENT_ID);
    if (config.hasNonNull("clientSecretFile")) {
      Path secret = Path.of(config.get("clientSecretFile").asText());
      builder.withClient(clientId, secret.isAbsolute() ? secret : file.toAbsolutePath().getParent().resolve(secret));
    } else {
      builder.withClient(clientId, text(file, config, "clientSecret"));
    }
    if (config.hasNonNull("publicUrl")) {
      builder.withPublicUrl(uri(file, config, "publicUrl"));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = config.path("services").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> service = it.next();
      builder.withService(service.getKey(), URI.create(service.getValue().asText()));
    }
    int index = 0;
    for (JsonNode tool : config.path("tools")) {
      String where = "tools[" + index++ + "]";
      try {
        builder.withTool(new McpTool(tool.path("name").asText(null), tool.path("description").asText(""),
            tool.path("inputSchema").isMissingNode() ? null : tool.get("inputSchema").toString(),
            tool.path("service").asText(null), tool.path("method").asText(null), tool.path("path").asText(null),
            tool.hasNonNull("body") ? tool.get("body").toString() : null,
            tool.hasNonNull("scope") ? tool.get("scope").asText() : null, tool.path("write").asBoolean(false)));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException("mcp-server: config [" + file + "]: field [" + where + "]: "
            + e.getMessage());
      }
    }
  }

  private static URI uri(Path file, JsonNode config, String field) {
    return URI.create(text(file, config, field));
  }

  private static String text(Path file, JsonNode config, String field) {
    if (!config.hasNonNull(field)) {
      throw new IllegalArgumentException("mcp-server: config [" + file + "]: field [" + field + "] is missing");
    }
    return config.get(field).asText();
  }
}
