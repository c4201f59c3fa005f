package dev.crashtest.fakes.proxy.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.crashtest.fakes.ServiceEvent.Outcome;
import dev.crashtest.fakes.ServiceEventListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Toxiproxy's HTTP API over {@link ProxyRegistry}: the same routes, status codes, bodies and error texts, so
 * {@code toxiproxy-java} drives it unchanged. Request Content-Type is ignored (that client sends JSON as
 * form-urlencoded). Errors are Toxiproxy's {@code {"error":"...","status":N}} written as Go's {@code http.Error}
 * writes them.
 *
 * <pre>{@code
 * server.createContext("/", new ApiHandler(registry, events));
 * }</pre>
 */
public final class ApiHandler implements HttpHandler {
  /** The Toxiproxy release whose API this one follows; the suffix says it is not the Go server. */
  public static final String VERSION = "2.12.0+crashtest";

  private final ProxyRegistry registry;
  private final EventPublisher events;
  private final ToxicRoutes toxicRoutes;

  /** An answer: status, content type and body ({@code null} for none). */
  record Response(int status, String contentType, String body) {
    static Response json(int status, Object node) {
      return new Response(status, "application/json", node.toString());
    }

    static Response noContent() {
      return new Response(204, null, null);
    }
  }

  public ApiHandler(ProxyRegistry registry, ServiceEventListener listener) {
    this.registry = registry;
    this.events = new EventPublisher(listener);
    this.toxicRoutes = new ToxicRoutes(registry, events);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
      Response response;
      if (userAgent != null && userAgent.startsWith("Mozilla/")) {
        response = new Response(403, "text/plain; charset=utf-8", "User agent not allowed\n");
      } else {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        response = answer(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), body);
      }
      send(exchange, response);
    }
  }

  /** Routes one request; public for tests that need no socket. */
  Response answer(String method, String rawPath, String body) {
    List<String> path = segments(rawPath);
    try {
      return route(method, path, body);
    } catch (ApiError e) {
      return new Response(e.status(), "text/plain; charset=utf-8", Json.error(e) + "\n");
    }
  }

  private Response route(String method, List<String> path, String body) {
    int size = path.size();
    if (size == 1 && path.get(0).equals("version")) {
      return only(method, "GET") ? version() : notAllowed();
    }
    if (size == 1 && path.get(0).equals("reset")) {
      return only(method, "POST") ? reset() : notAllowed();
    }
    if (size == 1 && path.get(0).equals("populate")) {
      return only(method, "POST") ? populate(body) : notAllowed();
    }
    if (size == 0 || !path.get(0).equals("proxies")) {
      return notFound();
    }
    if (size == 1) {
      return switch (method) {
        case "GET" -> Response.json(200, Json.proxies(registry.views()));
        case "POST" -> createProxy(body);
        default -> notAllowed();
      };
    }
    if (size == 2) {
      return switch (method) {
        case "GET" -> Response.json(200, Json.proxy(registry.get(path.get(1)).view()));
        case "POST", "PATCH" -> updateProxy(path.get(1), body);
        case "DELETE" -> deleteProxy(path.get(1));
        default -> notAllowed();
      };
    }
    if (!path.get(2).equals("toxics") || size > 4) {
      return notFound();
    }
    return size == 3 ? toxicRoutes.collection(method, path.get(1), body)
        : toxicRoutes.single(method, path.get(1), path.get(3), body);
  }

  private Response version() {
    return new Response(200, "application/json;charset=utf-8", "{\"version\": \"" + VERSION + "\"}\n");
  }

  private Response reset() {
    registry.reset();
    events.publish("reset", Outcome.OK, Map.of());
    return Response.noContent();
  }

  private Response createProxy(String body) {
    ProxyRegistry.Definition definition;
    try {
      definition = ProxyRegistry.definition(Json.parse(body), "");
    } catch (ApiError e) {
      events.publish("create_proxy", Outcome.FAIL, failure(Map.of(), e));
      throw e;
    }
    try {
      ProxyInstance proxy = registry.create(definition);
      ProxyInstance.View view = proxy.view();
      events.publish("create_proxy", Outcome.OK, details(view));
      return Response.json(201, Json.proxy(view));
    } catch (ApiError e) {
      events.publish("create_proxy", Outcome.FAIL, failure(Map.of("proxy", definition.name()), e));
      throw e;
    }
  }

  private Response updateProxy(String name, String body) {
    ProxyInstance proxy = registry.get(name);
    try {
      ProxyInstance.View before = proxy.view();
      var parsed = Json.parse(body);
      Json.requireObject(parsed, "proxy");
      proxy.update(Json.text(parsed, "listen", before.listen()), Json.text(parsed, "upstream", before.upstream()),
          Json.bool(parsed, "enabled", before.enabled()));
      ProxyInstance.View after = proxy.view();
      events.publish("update_proxy", Outcome.OK, details(after));
      return Response.json(200, Json.proxy(after));
    } catch (ApiError e) {
      events.publish("update_proxy", Outcome.FAIL, failure(Map.of("proxy", name), e));
      throw e;
    }
  }

  private Response deleteProxy(String name) {
    try {
      registry.delete(name);
    } catch (ApiError e) {
      events.publish("delete_proxy", Outcome.FAIL, failure(Map.of("proxy", name), e));
      throw e;
    }
    events.publish("delete_proxy", Outcome.OK, Map.of("proxy", name));
    return Response.noContent();
  }

  private Response populate(String body) {
    List<ProxyRegistry.Definition> definitions = new ArrayList<>();
    ProxyRegistry.PopulateResult result;
    try {
      var parsed = Json.parse(body);
      if (!parsed.isArray()) {
        throw ApiError.badRequestBody(
            "cannot read " + parsed.getNodeType().name().toLowerCase(Locale.ROOT) + " as a list of proxies");
      }
      for (int i = 0; i < parsed.size(); i++) {
        definitions.add(ProxyRegistry.definition(parsed.get(i), " at proxy " + (i + 1)));
      }
      result = registry.populate(definitions);
    } catch (ApiError e) {
      result = new ProxyRegistry.PopulateResult(List.of(), e);
    }
    var node = Json.MAPPER.createObjectNode();
    List<String> names = new ArrayList<>();
    var array = Json.MAPPER.createArrayNode();
    for (ProxyInstance proxy : result.proxies()) {
      array.add(Json.proxy(proxy.view()));
      names.add(proxy.name());
    }
    ApiError error = result.error();
    if (error != null) {
      node.put("error", error.getMessage());
      node.put("status", error.status());
    }
    node.set("proxies", array);
    events.publish("populate", error == null ? Outcome.OK : Outcome.FAIL,
        error == null ? Map.of("proxies", names) : failure(Map.of("proxies", names), error));
    return Response.json(error == null ? 201 : error.status(), node);
  }

  static Map<String, Object> details(ProxyInstance.View view) {
    return Map.of("proxy", view.name(), "listen", view.listen(), "upstream", view.upstream(),
        "enabled", view.enabled());
  }

  static Map<String, Object> failure(Map<String, Object> details, ApiError error) {
    Map<String, Object> all = new HashMap<>(details);
    all.put("error", error.getMessage());
    all.put("status", error.status());
    return all;
  }

  static boolean only(String method, String allowed) {
    return method.equals(allowed);
  }

  static Response notAllowed() {
    return new Response(405, null, null);
  }

  static Response notFound() {
    return new Response(404, "text/plain; charset=utf-8", "404 page not found\n");
  }

  private static List<String> segments(String rawPath) {
    String trimmed = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    List<String> segments = Arrays.stream(trimmed.split("/", -1)).map(ApiHandler::decode).toList();
    return segments.contains("") ? (trimmed.isEmpty() ? List.of() : List.of("\0")) : segments;
  }

  private static String decode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    byte[] raw = segment.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '%' && i + 2 < raw.length && Character.digit(raw[i + 1], 16) >= 0
          && Character.digit(raw[i + 2], 16) >= 0) {
        out.write(Character.digit(raw[i + 1], 16) * 16 + Character.digit(raw[i + 2], 16));
        i += 2;
      } else {
        out.write(raw[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    if (response.contentType() != null) {
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
    }
    if (response.body() == null) {
      exchange.sendResponseHeaders(response.status(), -1);
      return;
    }
    byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(response.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
