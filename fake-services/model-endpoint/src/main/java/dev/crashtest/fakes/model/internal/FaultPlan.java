package dev.crashtest.fakes.model.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.Optional;

/**
 * A fault kind with its scope: how many chat completions it affects and which answers. What a
 * {@code ModelFault} holds, and what the admin API parses a request into.
 *
 * @param kind what it does
 * @param forRequests how many chat completions it affects before it heals itself, or {@link #UNTIL_HEALED}
 * @param whenToolCall if present, it affects only answers whose scripted tool calls include this tool
 */
public record FaultPlan(FaultKind kind, int forRequests, Optional<String> whenToolCall) {
  public static final int UNTIL_HEALED = 0;

  public FaultPlan {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(whenToolCall, "whenToolCall");
    if (forRequests < 0) {
      throw new InvalidFaultException(kind.name(), FaultTypes.FOR_REQUESTS, forRequests + " must be at least 1");
    }
    if (whenToolCall.isPresent() && whenToolCall.get().isBlank()) {
      throw new InvalidFaultException(kind.name(), FaultTypes.WHEN_TOOL_CALL,
          "is blank; give a tool name such as create_quote");
    }
  }

  public static FaultPlan of(FaultKind kind, int forRequests, Optional<String> whenToolCall) {
    return new FaultPlan(kind, forRequests, whenToolCall);
  }

  /**
   * The admin API's {@code POST /__crashtest/faults} body for this plan: {@code type}, the kind's own fields, then
   * {@code forRequests} and {@code whenToolCall} when set. {@link FaultTypes#parse} reads it back into an equal plan.
   */
  public Map<String, Object> toWire() {
    Map<String, Object> wire = new LinkedHashMap<>();
    wire.put("type", kind.name());
    wire.putAll(new TreeMap<>(kind.wireFields()));
    if (forRequests != UNTIL_HEALED) {
      wire.put(FaultTypes.FOR_REQUESTS, forRequests);
    }
    whenToolCall.ifPresent(tool -> wire.put(FaultTypes.WHEN_TOOL_CALL, tool));
    return Collections.unmodifiableMap(wire);
  }

  /** Whether an answer with this reply is one the fault may affect. */
  boolean covers(ScriptedReply reply) {
    return whenToolCall.isEmpty() || reply.toolNames().contains(whenToolCall.get());
  }

  /** E.g. {@code 429 rate_limit_exceeded with Retry-After 1 s, only answers calling create_quote, next 3 requests}. */
  public String describe() {
    StringBuilder text = new StringBuilder(kind.describe());
    whenToolCall.ifPresent(tool -> text.append(", only answers calling ").append(tool));
    if (forRequests != UNTIL_HEALED) {
      text.append(forRequests == 1 ? ", next request" : ", next " + forRequests + " requests");
    }
    return text.toString();
  }
}
