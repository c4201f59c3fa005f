package dev.crashtest.fakes.identity.internal;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.crashtest.fakes.identity.IdentityAdmin;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.Headers;

/**
 * The {@link IdentityAdmin} calls over HTTP, for a provider running in its own process or container.
 * Each route calls the Java method, so it publishes the same event. No authentication: an operator endpoint, like
 * {@code /__crashtest/faults}, and like it never affected by faults.
 *
 * <pre>{@code
 * POST /__crashtest/identity/clients                {"clientId":"x","secret":"s"?}  -> 201 {"clientId","secret"}
 * POST /__crashtest/identity/clients/{id}/secret    {"graceMillis":0?}              -> 200 {"secret"}
 * POST /__crashtest/identity/user-tokens            {"user","scopes":[],"lifetimeMillis"?} -> 201 {"token"}
 * POST /__crashtest/identity/signing-key            {"graceMillis"?}                -> 200 {"kid"}
 * GET  /__crashtest/identity/signing-key                                            -> 200 {"kid"}
 * GET  /__crashtest/identity/delegated-token-lifetime                     -> 200 {"millis","defaultMillis"}
 * PUT  /__crashtest/identity/delegated-token-lifetime {"millis"}                    -> 204
 * POST /__crashtest/identity/revocations            {"user","agent"}                -> 204
 * POST /__crashtest/identity/withdrawals            {"user","agent","scope"}        -> 204
 * GET  /__crashtest/identity/clock-offset                                           -> 200 {"millis"}
 * PUT  /__crashtest/identity/clock-offset           {"millis"}                      -> 204
 * }</pre>
 *
 * <p>A bad body answers 400 {@code {"error":"invalid_request","message":...}}, one line naming the field; a client
 * registered twice 409 {@code conflict}; an unknown path 404 and a wrong method 405, both listing what exists.
 */
public final class IdentityAdminEndpoint implements Route {
  static final String PATH = "/__crashtest/identity";
  private static final String ROUTES = "POST clients, POST clients/{clientId}/secret, POST user-tokens,"
      + " GET|POST signing-key, GET|PUT delegated-token-lifetime, POST revocations, POST withdrawals,"
      + " GET|PUT clock-offset";

  private final IdentityAdmin idp;

  public IdentityAdminEndpoint(IdentityAdmin idp) {
    this.idp = Objects.requireNonNull(idp, "idp");
  }

  @Override
  public boolean match(OAuth2HttpRequest request) {
    String path = request.getUrl().encodedPath();
    return path.equals(PATH) || path.startsWith(PATH + "/");
  }

  @Override
  public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
    List<String> segments = request.getUrl().pathSegments();
    List<String> route = segments.subList(2, segments.size()).stream().filter(s -> !s.isEmpty()).toList();
    String method = request.getMethod();
    try {
      if (route.size() == 3 && route.get(0).equals("clients") && route.get(2).equals("secret")) {
        return when(method, "POST", "POST", () -> rotateClientSecret(route.get(1), request.getBody()));
      }
      String name = route.size() == 1 ? route.get(0) : "";
      return switch (name) {
        case "clients" -> when(method, "POST", "POST", () -> registerClient(request.getBody()));
        case "user-tokens" -> when(method, "POST", "POST", () -> issueUserToken(request.getBody()));
        case "signing-key" -> method.equals("GET") ? json(200, Map.of("kid", idp.signingKeyId()))
            : when(method, "POST", "GET, POST", () -> rotateSigningKey(request.getBody()));
        case "delegated-token-lifetime" -> method.equals("GET") ? lifetime()
            : when(method, "PUT", "GET, PUT", () -> setLifetime(request.getBody()));
        case "revocations" -> when(method, "POST", "POST", () -> revokeDelegation(request.getBody()));
        case "withdrawals" -> when(method, "POST", "POST", () -> withdrawScope(request.getBody()));
        case "clock-offset" -> method.equals("GET") ? json(200, Map.of("millis", idp.clockOffset().toMillis()))
            : when(method, "PUT", "GET, PUT", () -> setClockOffset(request.getBody()));
        default -> error(404, "not_found", "identity: no admin route [" + method + " "
            + request.getUrl().encodedPath() + "]; routes under " + PATH + ": " + ROUTES, Headers.of());
      };
    } catch (IllegalArgumentException e) {
      return error(400, "invalid_request", e.getMessage(), Headers.of());
    } catch (IllegalStateException e) {
      return error(409, "conflict", e.getMessage(), Headers.of());
    }
  }

  private OAuth2HttpResponse registerClient(String body) {
    AdminBody json = AdminBody.parse(body, List.of("clientId", "secret"), "{\"clientId\":\"naive-agent\"}");
    String clientId = json.text("clientId");
    String secret = json.has("secret") ? idp.registerClient(clientId, json.text("secret"))
        : idp.registerClient(clientId);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("clientId", clientId);
    answer.put("secret", secret);
    return json(201, answer);
  }

  private OAuth2HttpResponse rotateClientSecret(String clientId, String body) {
    AdminBody json = AdminBody.parse(body, List.of("graceMillis"), "{\"graceMillis\":0}");
    Duration grace = Duration.ofMillis(json.optionalNumber("graceMillis", 0).orElse(0));
    return json(200, Map.of("secret", idp.rotateClientSecret(clientId, grace)));
  }

  private OAuth2HttpResponse issueUserToken(String body) {
    AdminBody json = AdminBody.parse(body, List.of("user", "scopes", "lifetimeMillis"),
        "{\"user\":\"alice\",\"scopes\":[\"crm.read\",\"crm.write\"]}");
    String user = json.text("user");
    LinkedHashSet<String> scopes = new LinkedHashSet<>(json.texts("scopes"));
    String token = json.has("lifetimeMillis")
        ? idp.issueUserToken(user, scopes, Duration.ofMillis(json.number("lifetimeMillis", 1)))
        : idp.issueUserToken(user, scopes);
    return json(201, Map.of("token", token));
  }

  private OAuth2HttpResponse rotateSigningKey(String body) {
    AdminBody json = AdminBody.parse(body, List.of("graceMillis"), "{\"graceMillis\":30000}");
    String kid = json.has("graceMillis") ? idp.rotateSigningKey(Duration.ofMillis(json.number("graceMillis", 0)))
        : idp.rotateSigningKey();
    return json(200, Map.of("kid", kid));
  }

  private OAuth2HttpResponse lifetime() {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("millis", idp.delegatedTokenLifetime().toMillis());
    answer.put("defaultMillis", idp.defaultDelegatedTokenLifetime().toMillis());
    return json(200, answer);
  }

  private OAuth2HttpResponse setLifetime(String body) {
    AdminBody json = AdminBody.parse(body, List.of("millis"), "{\"millis\":2000}");
    idp.setDelegatedTokenLifetime(Duration.ofMillis(json.number("millis", 1)));
    return noContent();
  }

  private OAuth2HttpResponse revokeDelegation(String body) {
    AdminBody json =
        AdminBody.parse(body, List.of("user", "agent"), "{\"user\":\"alice\",\"agent\":\"naive-agent\"}");
    idp.revokeDelegation(json.text("user"), json.text("agent"));
    return noContent();
  }

  private OAuth2HttpResponse withdrawScope(String body) {
    AdminBody json = AdminBody.parse(body, List.of("user", "agent", "scope"),
        "{\"user\":\"alice\",\"agent\":\"naive-agent\",\"scope\":\"crm.write\"}");
    idp.withdrawScope(json.text("user"), json.text("agent"), json.text("scope"));
    return noContent();
  }

  private OAuth2HttpResponse setClockOffset(String body) {
    AdminBody json = AdminBody.parse(body, List.of("millis"), "{\"millis\":300000}");
    idp.setClockOffset(Duration.ofMillis(json.number("millis", Long.MIN_VALUE)));
    return noContent();
  }

  /** Runs {@code action} for the {@code expected} method; any other gets 405 naming the {@code allowed} ones. */
  private static OAuth2HttpResponse when(String method, String expected, String allowed,
      Supplier<OAuth2HttpResponse> action) {
    if (method.equals(expected)) {
      return action.get();
    }
    return error(405, "method_not_allowed", "identity: this admin route answers only " + allowed,
        Headers.of("Allow", allowed));
  }

  private static OAuth2HttpResponse json(int status, Map<String, ?> body) {
    return Responses.json(status, body);
  }

  private static OAuth2HttpResponse noContent() {
    return new OAuth2HttpResponse(Headers.of(), 204, "", null);
  }

  private static OAuth2HttpResponse error(int status, String error, String message, Headers headers) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("message", message);
    Headers all = headers.newBuilder().set("Content-Type", "application/json;charset=UTF-8").build();
    return new OAuth2HttpResponse(all, status, JSONObjectUtils.toJSONString(body), null);
  }
}
