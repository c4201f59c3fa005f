package dev.crashtest.fakes.stub.internal;

import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.faults.CountedFault;
import dev.crashtest.fakes.faults.FaultRules;
import dev.crashtest.fakes.faults.FaultWire;
import dev.crashtest.fakes.stub.StubFault;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault API over HTTP, on the same wire as the CRM's ({@link FaultWire}, {@link StubFault#toWire()}):
 *
 * <pre>{@code
 * POST   /__crashtest/faults  {"type":"commit_then_drop","operation":"create_refund","forRequests":1}
 *                             -> 201 {"id":"f-1","description":"commit then drop the response on create_refund, ..."}
 * GET    /__crashtest/faults       -> 200 [{"id","type","description","hits"}]
 * DELETE /__crashtest/faults/f-1   -> 204, or 404 if no such active fault
 * DELETE /__crashtest/faults       -> 204, every fault healed
 * }</pre>
 */
final class FaultAdmin extends OperatorEndpoint {
  static final String PATH = "/__crashtest/faults";
  private static final String KNOWN_TYPES = "; known types: " + FaultRules.wireNames(StubFault.Type.values());
  private static final Map<String, List<String>> FIELDS = Map.of(
      "server_error", List.of("type", "status", "operation", "forRequests"),
      "slow", List.of("type", "delayMillis", "operation", "forRequests"),
      "conflict", List.of("type", "operation", "forRequests"),
      "commit_then_drop", List.of("type", "operation", "forRequests"));

  private final StubFaultRegistry faults;

  FaultAdmin(StubFaultRegistry faults) {
    this.faults = faults;
  }

  @Override
  StubAnswer answer(String method, String path, byte[] body) {
    if (path.equals(PATH) || path.equals(PATH + "/")) {
      return switch (method) {
        case "POST" -> inject(body);
        case "GET" -> json(200, faults.activeFaults().stream().map(FaultAdmin::view).toList());
        case "DELETE" -> {
          faults.healAll();
          yield noContent();
        }
        default -> notAllowed(path, "GET, POST, DELETE");
      };
    }
    String id = path.substring(Math.min(path.length(), PATH.length() + 1));
    if (!path.startsWith(PATH + "/")) {
      return StubAnswer.error(404, "not_found", "no fault endpoint [" + method + " " + path + "]; use " + PATH);
    }
    if (!method.equals("DELETE")) {
      return notAllowed(path, "DELETE");
    }
    if (!faults.heal(id)) {
      return StubAnswer.error(404, "not_found", "no active fault [" + id + "]; active: "
          + faults.activeFaults().stream().map(CountedFault::id).toList());
    }
    return noContent();
  }

  private StubAnswer inject(byte[] body) {
    StubFault fault;
    try {
      fault = parse(object(body, "e.g. " + "{\"type\":\"conflict\",\"operation\":\"create_refund\"}"));
      InjectedFault injected = faults.inject(fault);
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("id", injected.id());
      answer.put("description", injected.description());
      return json(201, answer);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + KNOWN_TYPES, e);
    }
  }

  /** The fault the JSON describes; one field per factory parameter. Throws with a one-line message. */
  static StubFault parse(com.fasterxml.jackson.databind.node.ObjectNode json) {
    FaultWire wire = FaultWire.read("stub-service", json, FIELDS);
    StubFault fault = switch (wire.type()) {
      case "server_error" -> StubFault.serverError((int) wire.number("status", 0, 999));
      case "slow" -> StubFault.slow(Duration.ofMillis(wire.number("delayMillis", 1, Long.MAX_VALUE)));
      case "conflict" -> StubFault.conflict();
      default -> StubFault.commitThenDropResponse();
    };
    if (wire.has("operation")) {
      fault = fault.on(wire.text("operation"));
    }
    if (wire.has("forRequests")) {
      fault = fault.forRequests((int) wire.number("forRequests", 1, Integer.MAX_VALUE));
    }
    return fault;
  }

  private static Map<String, Object> view(CountedFault<StubFault> fault) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", fault.id());
    view.put("type", fault.fault().type().wireName());
    view.put("description", fault.description());
    view.put("hits", fault.hits());
    return view;
  }
}
