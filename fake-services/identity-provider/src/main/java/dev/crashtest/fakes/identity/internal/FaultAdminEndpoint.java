package dev.crashtest.fakes.identity.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.faults.CountedFault;
import dev.crashtest.fakes.faults.FaultRules;
import dev.crashtest.fakes.faults.FaultWire;
import dev.crashtest.fakes.identity.IdentityFault;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.Headers;

/**
 * The fault API over HTTP, for a provider running in its own process or container. No authentication: an operator
 * endpoint, bound where the provider is (loopback by default). Never affected by faults.
 *
 * <pre>{@code
 * POST   /__crashtest/faults  {"type":"token_endpoint_error","status":503,"forRequests":2}
 *                             -> 201 {"id":"f-1","description":"token endpoint answers 503 ..."}
 * GET    /__crashtest/faults       -> 200 [{"id","type","description","hits"}]   the active faults
 * DELETE /__crashtest/faults/f-1   -> 204, or 404 if no such active fault
 * DELETE /__crashtest/faults       -> 204, every fault healed
 * }</pre>
 *
 * <p>A bad body answers 400 {@code {"error":"invalid_request","message":...}}: one line naming the field and listing
 * the known types.
 */
public final class FaultAdminEndpoint implements Route {
  static final String PATH = "/__crashtest/faults";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KNOWN_TYPES = "; known types: " + FaultRules.wireNames(IdentityFault.Type.values());
  private static final Map<String, List<String>> FIELDS = Map.of(
      "outage", List.of("type", "forRequests"),
      "token_endpoint_error", List.of("type", "status", "forRequests"),
      "slow_token_endpoint", List.of("type", "delayMillis", "forRequests"));

  private final IdentityFaultRegistry faults;

  public FaultAdminEndpoint(IdentityFaultRegistry faults) {
    this.faults = Objects.requireNonNull(faults, "faults");
  }

  @Override
  public boolean match(OAuth2HttpRequest request) {
    String path = request.getUrl().encodedPath();
    return path.equals(PATH) || path.startsWith(PATH + "/");
  }

  @Override
  public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
    String path = request.getUrl().encodedPath();
    String method = request.getMethod();
    if (path.equals(PATH) || path.equals(PATH + "/")) {
      return switch (method) {
        case "POST" -> inject(request.getBody());
        case "GET" -> list();
        case "DELETE" -> {
          faults.healAll();
          yield noContent();
        }
        default -> error(405, "method_not_allowed", "[" + path + "] answers only GET, POST, DELETE");
      };
    }
    String id = path.substring(PATH.length() + 1);
    if (!method.equals("DELETE")) {
      return error(405, "method_not_allowed", "[" + path + "] answers only DELETE");
    }
    if (!faults.heal(id)) {
      return error(404, "not_found", "no active fault [" + id + "]; active: "
          + faults.activeFaults().stream().map(CountedFault::id).toList());
    }
    return noContent();
  }

  private OAuth2HttpResponse inject(String body) {
    IdentityFault fault;
    try {
      fault = parse(body);
    } catch (IllegalArgumentException e) {
      return error(400, "invalid_request", e.getMessage() + KNOWN_TYPES);
    }
    InjectedFault injected = faults.inject(fault);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", injected.id());
    answer.put("description", injected.description());
    return Responses.json(201, answer);
  }

  /** The fault the JSON describes; one field per factory parameter. Throws with a one-line message. */
  static IdentityFault parse(String body) {
    JsonNode json;
    try {
      json = JSON.readTree(body == null ? "" : body);
    } catch (IOException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("identity: body must be a JSON object, e.g. {\"type\":\"outage\"}");
    }
    FaultWire wire = FaultWire.read("identity", json, FIELDS);
    IdentityFault fault = switch (wire.type()) {
      case "token_endpoint_error" -> IdentityFault.tokenEndpointError((int) wire.number("status", 0, 999));
      case "slow_token_endpoint" ->
          IdentityFault.slowTokenEndpoint(Duration.ofMillis(wire.number("delayMillis", 1, Long.MAX_VALUE)));
      default -> IdentityFault.outage();
    };
    if (wire.has("forRequests")) {
      fault = fault.forRequests((int) wire.number("forRequests", 1, Integer.MAX_VALUE));
    }
    return fault;
  }

  private OAuth2HttpResponse list() {
    String entries = faults.activeFaults().stream().map(fault -> {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("id", fault.id());
      view.put("type", fault.fault().type().wireName());
      view.put("description", fault.description());
      view.put("hits", fault.hits());
      return JSONObjectUtils.toJSONString(view);
    }).collect(Collectors.joining(","));
    return new OAuth2HttpResponse(json(), 200, "[" + entries + "]", null);
  }

  private static OAuth2HttpResponse error(int status, String error, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("message", message);
    return Responses.json(status, body);
  }

  private static OAuth2HttpResponse noContent() {
    return new OAuth2HttpResponse(Headers.of(), 204, "", null);
  }

  private static Headers json() {
    return Headers.of("Content-Type", "application/json;charset=UTF-8");
  }
}
