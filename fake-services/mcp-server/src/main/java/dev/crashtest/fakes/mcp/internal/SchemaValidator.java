package dev.crashtest.fakes.mcp.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The SDK's tool-input validation on json-schema-validator 3 (what the harness's JVM holds): the SDK's own
 * Jackson 2 validator is compiled against json-schema-validator 2.0.8, whose API 3.x removed, and the two cannot share
 * a class path (NoSuchMethodError on {@code Schema.validate(JsonNode)}). Text in, text out, so no Jackson 3 type leaks.
 */
final class SchemaValidator implements JsonSchemaValidator {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  @Override
  public ValidationResponse validate(Map<String, Object> schema, Object instance) {
    try {
      List<Error> errors = REGISTRY.getSchema(JSON.writeValueAsString(schema))
          .validate(JSON.writeValueAsString(instance), InputFormat.JSON);
      if (errors.isEmpty()) {
        return ValidationResponse.asValid(JSON.writeValueAsString(instance));
      }
      return ValidationResponse.asInvalid("Validation failed: "
          + errors.stream().map(Error::getMessage).collect(Collectors.joining("; ")));
    } catch (JsonProcessingException e) {
      return ValidationResponse.asInvalid("Validation failed: not JSON: " + e.getOriginalMessage());
    }
  }

  /** The configured schemas were checked as JSON when the tools were declared; a fault's new schema is trusted. */
  @Override
  public ValidationResponse validateSchema(Map<String, Object> schema) {
    return ValidationResponse.asValid(null);
  }
}
