package dev.crashtest.fakes.stub.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.fakes.stub.Effect;
import dev.crashtest.fakes.stub.StubServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * The standalone stub service's JSON config file, read into a {@link StubServer.Builder}; every refusal is one line
 * naming the file and the field, e.g. {@code stub-service: config [stubs.json]: field [operations[1].method] is
 * missing}. Paths are relative to the file.
 *
 * <pre>{@code
 * StubServer.Builder builder = StubConfig.read(Path.of("run-1/stubs.json"));
 * }</pre>
 */
public final class StubConfig {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  private StubConfig(Path file) {
    this.file = file;
  }

  public static StubServer.Builder read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("stub-service: config [" + file + "] cannot be read as JSON: "
          + e.getMessage().lines().findFirst().orElse(""));
    }
    return new StubConfig(file).builder(root == null ? JSON.missingNode() : root);
  }

  private StubServer.Builder builder(JsonNode root) {
    Path base = file.toAbsolutePath().getParent();
    StubServer.Builder builder = StubServer.builder()
        .withIssuer(URI.create(text(root, "issuer", "issuer")))
        .withJwksUri(URI.create(text(root, "jwksUri", "jwksUri")));
    if (root.hasNonNull("introspectionUri")) {
      builder.withIntrospectionUri(URI.create(text(root, "introspectionUri", "introspectionUri")));
    }
    if (root.hasNonNull("dataDirectory")) {
      builder.withDataDirectory(base.resolve(text(root, "dataDirectory", "dataDirectory")));
    }
    JsonNode services = root.path("services");
    if (!services.isObject() || services.isEmpty()) {
      throw problem("services", "must name at least one service, e.g. {\"orders\": {\"stubs\": \"stubs/orders\"}}");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> service = it.next();
      builder.withService(service.getKey(),
          base.resolve(text(service.getValue(), "stubs", "services." + service.getKey() + ".stubs")));
    }
    JsonNode operations = root.path("operations");
    for (int i = 0; i < operations.size(); i++) {
      JsonNode op = operations.get(i);
      String at = "operations[" + i + "]";
      builder.withOperation(text(op, "service", at + ".service"), text(op, "name", at + ".name"),
          text(op, "method", at + ".method"), text(op, "path", at + ".path"),
          op.hasNonNull("scope") ? text(op, "scope", at + ".scope") : null,
          op.hasNonNull("effect") ? effect(op.get("effect"), at + ".effect") : null);
    }
    return builder;
  }

  private Effect effect(JsonNode json, String at) {
    Effect effect = Effect.declared(text(json, "type", at + ".type"), text(json, "id", at + ".id"),
        text(json, "key", at + ".key"));
    if (json.path("approval").asBoolean(false)) {
      effect = effect.withApproval();
    }
    JsonNode above = json.path("approval-above");
    if (!above.isMissingNode()) {
      if (!above.path("value").isNumber()) {
        throw problem(at + ".approval-above.value", "must be a number, e.g. 100");
      }
      effect = effect.withApprovalAbove(text(above, "field", at + ".approval-above.field"),
          new BigDecimal(above.path("value").asText()));
    }
    return effect;
  }

  private String text(JsonNode node, String field, String path) {
    JsonNode value = node.path(field);
    if (value.isMissingNode() || value.isNull()) {
      throw problem(path, "is missing");
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw problem(path, "must be a non-empty string, got " + value);
    }
    return value.asText();
  }

  private IllegalArgumentException problem(String field, String message) {
    return new IllegalArgumentException("stub-service: config [" + file + "]: field [" + field + "] " + message);
  }
}
