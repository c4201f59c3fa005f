package dev.crashtest.fakes.crm.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.crm.CrmFault;
import dev.crashtest.fakes.faults.CountedFault;
import dev.crashtest.fakes.faults.FaultRules;
import dev.crashtest.fakes.faults.FaultWire;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault API over HTTP, for a CRM running in its own process or container. No authentication: an operator
 * endpoint, bound where the CRM is (loopback by default).
 *
 * <pre>{@code
 * POST   /__crashtest/faults  {"type":"commit_then_drop","operation":"place_order","forRequests":1}
 *                             -> 201 {"id":"f-1","description":"commit then drop the response on place_order, ..."}
 * GET    /__crashtest/faults       -> 200 [{"id","type","description","hits"}]   the active faults
 * DELETE /__crashtest/faults/f-1   -> 204, or 404 if no such active fault
 * DELETE /__crashtest/faults       -> 204, every fault healed
 * }</pre>
 *
 * <p>A bad body answers 400 {@code {"error":"invalid_request","message":...}}: one line naming the field and
 * listing the known types.
 */
final class FaultAdmin extends OperatorEndpoint {
  static final String PATH = "/__crashtest/faults";
  private static final String KNOWN_TYPES = "; known types: " + FaultRules.wireNames(CrmFault.Type.values());
  private static final Map<String, List<String>> FIELDS = Map.of(
      "server_error", List.of("type", "status", "operation", "forRequests"),
      "slow", List.of("type", "delayMillis", "operation", "forRequests"),
      "conflict", List.of("type", "operation", "forRequests"),
      "commit_then_drop", List.of("type", "operation", "forRequests"));

  private final CrmFaultRegistry faults;

  FaultAdmin(CrmFaultRegistry faults) {
    this.faults = faults;
  }

  @Override
  Response answer(String method, String path, byte[] body) {
    if (path.equals(PATH) || path.equals(PATH + "/")) {
      return switch (method) {
        case "POST" -> inject(body);
        case "GET" -> Response.ok(200, faults.activeFaults().stream().map(FaultAdmin::view).toList(), null);
        case "DELETE" -> {
          faults.healAll();
          yield noContent();
        }
        default -> notAllowed(path, "GET, POST, DELETE");
      };
    }
    if (path.startsWith(PATH + "/")) {
      String id = path.substring(PATH.length() + 1);
      if (!method.equals("DELETE")) {
        return notAllowed(path, "DELETE");
      }
      if (!faults.heal(id)) {
        throw ApiError.notFound("no active fault [" + id + "]; active: "
            + faults.activeFaults().stream().map(CountedFault::id).toList());
      }
      return noContent();
    }
    throw ApiError.notFound("no fault endpoint [" + method + " " + path + "]; use " + PATH);
  }

  private Response inject(byte[] body) {
    CrmFault fault;
    try {
      fault = parse(Json.readObject(body));
    } catch (ApiError e) {
      throw ApiError.invalidRequest("crm: " + e.getMessage() + KNOWN_TYPES);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidRequest(e.getMessage() + KNOWN_TYPES);
    }
    InjectedFault injected = faults.inject(fault);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", injected.id());
    answer.put("description", injected.description());
    return Response.ok(201, answer, null);
  }

  /** The fault the JSON describes; one field per factory parameter. Throws with a one-line message. */
  static CrmFault parse(ObjectNode json) {
    FaultWire wire = FaultWire.read("crm", json, FIELDS);
    CrmFault fault = switch (wire.type()) {
      case "server_error" -> CrmFault.serverError((int) wire.number("status", 0, 999));
      case "slow" -> CrmFault.slow(Duration.ofMillis(wire.number("delayMillis", 1, Long.MAX_VALUE)));
      case "conflict" -> CrmFault.conflict();
      default -> CrmFault.commitThenDropResponse();
    };
    if (wire.has("operation")) {
      fault = fault.on(wire.text("operation"));
    }
    if (wire.has("forRequests")) {
      fault = fault.forRequests((int) wire.number("forRequests", 1, Integer.MAX_VALUE));
    }
    return fault;
  }

  private static Map<String, Object> view(CountedFault<CrmFault> fault) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", fault.id());
    view.put("type", fault.fault().type().wireName());
    view.put("description", fault.description());
    view.put("hits", fault.hits());
    return view;
  }

  private static Response noContent() {
    return new Response(204, "", Map.of(), null, null, null, false);
  }

  private static Response notAllowed(String path, String allowed) {
    return Response.error(405, "method_not_allowed", "[" + path + "] answers only " + allowed,
        Map.of("Allow", allowed));
  }
}
