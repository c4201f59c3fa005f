package dev.crashtest.fakes.stub.internal;

import dev.crashtest.fakes.stub.Effect;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One tool of a workload as the stub service sees it: the service it calls, its method and path template, the scope
 * it needs and the effect it declares (null for none).
 *
 * <pre>{@code
 * Operation get = Operation.of("orders", "get_order", "GET", "/orders/{order_id}", "orders.read", null);
 * get.matches("GET", "/orders/ORD-1");   // true
 * }</pre>
 */
public record Operation(String service, String name, String method, String pathTemplate, String scope,
    Effect effect, Pattern pattern) {

  /** The methods that write: idempotent by key, checked for revocation first. */
  public static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE");
  private static final Pattern PARAM = Pattern.compile("\\{[^/{}]+}");

  /** Checks and compiles an operation; throws {@link IllegalArgumentException} with a one-line message. */
  public static Operation of(String service, String name, String method, String pathTemplate, String scope,
      Effect effect) {
    String where = "stub-service: operation [" + name + "] of service [" + service + "]";
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("stub-service: an operation of service [" + service + "] has no name");
    }
    String verb = method == null ? "" : method.toUpperCase(Locale.ROOT);
    if (!METHODS.contains(verb)) {
      throw new IllegalArgumentException(where + ": method [" + method + "] is not one of " + METHODS);
    }
    if (pathTemplate == null || !pathTemplate.startsWith("/")) {
      throw new IllegalArgumentException(where + ": path [" + pathTemplate + "] must start with /, e.g."
          + " /orders/{order_id}");
    }
    if (effect != null && !WRITES.contains(verb)) {
      throw new IllegalArgumentException(where + ": only a write (POST, PUT, PATCH, DELETE) has an effect, not "
          + verb);
    }
    return new Operation(service, name, verb, pathTemplate, scope == null || scope.isBlank() ? null : scope,
        effect, compile(pathTemplate));
  }

  private static Pattern compile(String template) {
    StringBuilder regex = new StringBuilder("^");
    Matcher param = PARAM.matcher(template);
    int at = 0;
    while (param.find()) {
      regex.append(Pattern.quote(template.substring(at, param.start()))).append("[^/]+");
      at = param.end();
    }
    regex.append(Pattern.quote(template.substring(at))).append("/?$");
    return Pattern.compile(regex.toString());
  }

  boolean matches(String requestMethod, String path) {
    return method.equals(requestMethod) && pattern.matcher(path).matches();
  }

  boolean isWrite() {
    return WRITES.contains(method);
  }
}
