package dev.crashtest.fakes.model.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every model fault the admin API knows, and the parser of its requests:
 * {@code {"type": "rate_limited", "retryAfterSeconds": 2, "forRequests": 3, "whenToolCall": "create_quote"}}.
 * A new fault kind adds its {@link FaultType} here.
 */
final class FaultTypes {
  static final String FOR_REQUESTS = "forRequests";
  static final String WHEN_TOOL_CALL = "whenToolCall";
  static final List<FaultType> ALL = List.of(RateLimitedFault.TYPE, ServerErrorFault.TYPE, OverloadedFault.TYPE,
      DelayFault.TYPE, MalformedJsonFault.TYPE, StreamCutFault.TYPE, SlowStreamFault.TYPE, ContextLengthFault.TYPE,
      WrongToolArgumentsFault.TYPE);

  private FaultTypes() {}

  /** {@code known types: rate_limited {retryAfterSeconds}, ...; every type also takes forRequests?, whenToolCall?}. */
  static String known() {
    return "known types: " + ALL.stream().map(FaultType::signature).collect(Collectors.joining(", "))
        + "; every type also takes " + FOR_REQUESTS + "?, " + WHEN_TOOL_CALL + "?";
  }

  /** Parses one request body; throws {@link InvalidFaultException} naming the field. */
  static FaultPlan parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidFaultException("?", "body", "is not a JSON object; send e.g. "
          + "{\"type\": \"rate_limited\", \"retryAfterSeconds\": 2, \"forRequests\": 3}");
    }
    JsonNode typeNode = body.get("type");
    if (typeNode == null || !typeNode.isTextual()) {
      throw new InvalidFaultException("?", "type", typeNode == null ? "is missing" : typeNode + " is not a string");
    }
    String name = typeNode.asText();
    FaultType type = ALL.stream().filter(candidate -> candidate.name().equals(name)).findFirst()
        .orElseThrow(() -> new InvalidFaultException(name, "type", "is unknown"));
    rejectUnknownFields(type, body);
    FaultFields fields = new FaultFields(name, body);
    FaultKind kind = type.parse().apply(fields);
    int forRequests = fields.has(FOR_REQUESTS) ? fields.smallInteger(FOR_REQUESTS) : FaultPlan.UNTIL_HEALED;
    if (fields.has(FOR_REQUESTS) && forRequests < 1) {
      throw fields.invalid(FOR_REQUESTS, forRequests + " must be at least 1; leave it out to last until healed");
    }
    Optional<String> tool = fields.has(WHEN_TOOL_CALL) ? Optional.of(fields.text(WHEN_TOOL_CALL)) : Optional.empty();
    return FaultPlan.of(kind, forRequests, tool);
  }

  private static void rejectUnknownFields(FaultType type, JsonNode body) {
    List<String> own = new ArrayList<>(type.required());
    own.addAll(type.optional());
    List<String> allowed = new ArrayList<>(List.of("type", FOR_REQUESTS, WHEN_TOOL_CALL));
    allowed.addAll(own);
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!allowed.contains(field)) {
        throw new InvalidFaultException(type.name(), field, "is unknown; "
            + (own.isEmpty() ? "it takes no fields of its own" : "it takes " + String.join(", ", own)));
      }
    }
  }
}
