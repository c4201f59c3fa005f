package dev.crashtest.fakes.stub.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.fakes.EventVocabulary;
import dev.crashtest.fakes.stub.Effect;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The event details of a committed effect, read from the request and the answer as its {@link Effect} declares:
 * {@code effectType}, {@code effectId} (the answer's id field), {@code effectKey} (the request's key field) and
 * {@code needsApproval: true} when gated. A field that is absent is left out.
 *
 * <pre>{@code
 * EffectReader.details(refund, requestBody, answerBody);
 * // {effectType=refund, effectId=R-7, effectKey=ORD-1, needsApproval=true}
 * }</pre>
 */
final class EffectReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EffectReader() {}

  static Map<String, Object> details(Effect effect, byte[] requestBody, byte[] answerBody) {
    JsonNode request = parse(requestBody);
    JsonNode answer = parse(answerBody);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put(EventVocabulary.EFFECT_TYPE, effect.type());
    putText(details, EventVocabulary.EFFECT_ID, field(answer, effect.idField()));
    putText(details, EventVocabulary.EFFECT_KEY, field(request, effect.keyField()));
    if (needsApproval(effect, request)) {
      details.put(EventVocabulary.NEEDS_APPROVAL, true);
    }
    return details;
  }

  private static boolean needsApproval(Effect effect, JsonNode request) {
    if (effect.alwaysNeedsApproval()) {
      return true;
    }
    if (effect.approvalField().isEmpty()) {
      return false;
    }
    JsonNode value = field(request, effect.approvalField().get());
    BigDecimal number;
    try {
      number = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText().trim());
    } catch (NumberFormatException notANumber) {
      return false;
    }
    return number.compareTo(effect.approvalAbove().get()) > 0;
  }

  /** A top-level field, or a dotted path into nested objects; a missing node if absent. */
  private static JsonNode field(JsonNode root, String path) {
    JsonNode node = root;
    for (String part : path.split("\\.")) {
      node = node.path(part);
    }
    return node;
  }

  private static void putText(Map<String, Object> details, String key, JsonNode value) {
    if (!value.isMissingNode() && !value.isNull() && !value.isContainerNode()) {
      details.put(key, value.asText());
    }
  }

  private static JsonNode parse(byte[] body) {
    try {
      JsonNode node = body.length == 0 ? null : JSON.readTree(body);
      return node == null ? JSON.missingNode() : node;
    } catch (IOException notJson) {
      return JSON.missingNode();
    }
  }
}
