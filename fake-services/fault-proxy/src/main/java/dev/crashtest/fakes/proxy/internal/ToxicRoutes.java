package dev.crashtest.fakes.proxy.internal;

import dev.crashtest.fakes.ServiceEvent.Outcome;
import dev.crashtest.fakes.proxy.internal.ApiHandler.Response;
import java.util.HashMap;
import java.util.Map;

/**
 * The toxic half of the API: {@code /proxies/{proxy}/toxics} and {@code /proxies/{proxy}/toxics/{toxic}}.
 * Creating a toxic answers 200 (not 201) and deleting one 204, as Toxiproxy does.
 *
 * <pre>{@code
 * toxicRoutes.collection("POST", "redis", "{\"type\":\"latency\",\"attributes\":{\"latency\":100}}");
 * }</pre>
 */
final class ToxicRoutes {
  private final ProxyRegistry registry;
  private final EventPublisher events;

  ToxicRoutes(ProxyRegistry registry, EventPublisher events) {
    this.registry = registry;
    this.events = events;
  }

  Response collection(String method, String proxyName, String body) {
    return switch (method) {
      case "GET" -> Response.json(200, Json.toxics(registry.get(proxyName).toxics()));
      case "POST" -> add(proxyName, body);
      default -> ApiHandler.notAllowed();
    };
  }

  Response single(String method, String proxyName, String toxicName, String body) {
    return switch (method) {
      case "GET" -> Response.json(200, Json.toxic(registry.get(proxyName).toxic(toxicName)));
      case "POST", "PATCH" -> update(proxyName, toxicName, body);
      case "DELETE" -> remove(proxyName, toxicName);
      default -> ApiHandler.notAllowed();
    };
  }

  private Response add(String proxyName, String body) {
    try {
      ProxyInstance proxy = registry.get(proxyName);
      ToxicSpec spec = ToxicSpec.create(Json.parse(body));
      proxy.addToxic(spec);
      events.publish("add_toxic", Outcome.OK, details(proxyName, spec));
      return Response.json(200, Json.toxic(spec));
    } catch (ApiError e) {
      events.publish("add_toxic", Outcome.FAIL, ApiHandler.failure(Map.of("proxy", proxyName), e));
      throw e;
    }
  }

  private Response update(String proxyName, String toxicName, String body) {
    try {
      ToxicSpec updated = registry.get(proxyName).updateToxic(toxicName, Json.parse(body));
      events.publish("update_toxic", Outcome.OK, details(proxyName, updated));
      return Response.json(200, Json.toxic(updated));
    } catch (ApiError e) {
      events.publish("update_toxic", Outcome.FAIL,
          ApiHandler.failure(Map.of("proxy", proxyName, "toxic", toxicName), e));
      throw e;
    }
  }

  private Response remove(String proxyName, String toxicName) {
    try {
      ProxyInstance proxy = registry.get(proxyName);
      ToxicSpec removed = proxy.toxic(toxicName);
      proxy.removeToxic(toxicName);
      events.publish("remove_toxic", Outcome.OK, details(proxyName, removed));
      return Response.noContent();
    } catch (ApiError e) {
      events.publish("remove_toxic", Outcome.FAIL,
          ApiHandler.failure(Map.of("proxy", proxyName, "toxic", toxicName), e));
      throw e;
    }
  }

  private static Map<String, Object> details(String proxyName, ToxicSpec spec) {
    Map<String, Object> details = new HashMap<>();
    details.put("proxy", proxyName);
    details.put("toxic", spec.name());
    details.put("type", spec.type().wireName());
    details.put("stream", spec.stream());
    details.put("toxicity", spec.toxicity());
    details.put("attributes", spec.attributes());
    return details;
  }
}
