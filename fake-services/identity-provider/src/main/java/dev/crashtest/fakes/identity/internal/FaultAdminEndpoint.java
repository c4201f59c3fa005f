package dev.crashtest.fakes.identity.internal;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.faults.CountedFault;
import dev.crashtest.fakes.faults.FaultRules;
import dev.crashtest.fakes.identity.IdentityFault;
import java.text.ParseException;
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
    Map<String, Object> json;
    try {
      json = JSONObjectUtils.parse(body == null ? "" : body);
    } catch (ParseException e) {
      throw new IllegalArgumentException("identity: body must be a JSON object, e.g. {\"type\":\"outage\"}");
    }
    Object type = json.get("type");
    if (type == null) {
      throw new IllegalArgumentException("identity: missing field [type]");
    }
    List<String> fields = FIELDS.get(String.valueOf(type));
    if (!(type instanceof String) || fields == null) {
      throw new IllegalArgumentException("identity: unknown fault type [" + type + "]");
    }
    for (String field : json.keySet()) {
      if (!fields.contains(field)) {
        throw new IllegalArgumentException("identity: field [" + field + "] does not apply to fault type [" + type
            + "], which takes " + fields);
      }
    }
    IdentityFault fault = switch ((String) type) {
      case "token_endpoint_error" -> IdentityFault.tokenEndpointError((int) number(json, "status", 0, 999));
      case "slow_token_endpoint" ->
          IdentityFault.slowTokenEndpoint(Duration.ofMillis(number(json, "delayMillis", 1, Long.MAX_VALUE)));
      default -> IdentityFault.outage();
    };
    if (json.get("forRequests") != null) {
      fault = fault.forRequests((int) number(json, "forRequests", 1, Integer.MAX_VALUE));
    }
    return fault;
  }

  private static long number(Map<String, Object> json, String field, long min, long max) {
    Object value = json.get(field);
    if (value == null) {
      throw new IllegalArgumentException("identity: missing field [" + field + "]");
    }
    boolean whole = value instanceof Long || value instanceof Integer
        || value instanceof Double d && d == Math.rint(d) && !d.isInfinite();
    long number = value instanceof Number n ? n.longValue() : 0;
    if (!whole || number < min || number > max) {
      String shown = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
      throw new IllegalArgumentException("identity: field [" + field + "] must be a whole number from " + min
          + " to " + max + ", got " + shown);
    }
    return number;
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
