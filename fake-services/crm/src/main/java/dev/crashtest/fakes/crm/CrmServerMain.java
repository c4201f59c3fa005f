package dev.crashtest.fakes.crm;

import dev.crashtest.fakes.StandaloneOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the fake CRM as its own process until it is stopped; prints {@code crm listening on <url>} once ready.
 *
 * <pre>{@code
 * java -cp crashtest-fake-crm.jar:... dev.crashtest.fakes.crm.CrmServerMain --port 41002 \
 *     --issuer http://127.0.0.1:41003 --jwks-uri http://127.0.0.1:41003/jwks --data-dir /tmp/run-1/crm \
 *     --introspection-uri http://127.0.0.1:41003/crashtest/introspect --events-url http://127.0.0.1:40100/events
 * }</pre>
 *
 * <p>Required: {@code --issuer}, {@code --jwks-uri}, {@code --data-dir}. Optional: {@code --port N} (0 = any),
 * {@code --host H}, {@code --introspection-uri URL} (writes checked for revocation, see {@link
 * CrmServer.Builder#withIntrospectionUri}), {@code --events-url URL} (each event POSTed there, see {@link
 * dev.crashtest.fakes.HttpEventListener}). An agent's own address ({@link CrmServer#workloadUrl}) is served over
 * HTTP by {@code POST /__crashtest/workloads {"agent":"naive-agent"}}. A bad or missing option prints one line on
 * standard error and exits with status 2.
 */
public final class CrmServerMain {
  static final List<String> OPTIONS =
      List.of("issuer", "jwks-uri", "data-dir", "introspection-uri", StandaloneOptions.EVENTS_URL);

  private CrmServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    CrmServer.Builder builder;
    try {
      builder = configure(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    StandaloneOptions.announceAndWait("crm", builder.start());
  }

  /** Reads the options into a builder; throws {@link IllegalArgumentException} with a one-line message. */
  static CrmServer.Builder configure(String[] args) {
    StandaloneOptions options = StandaloneOptions.parse("crm", args, OPTIONS);
    CrmServer.Builder builder = CrmServer.builder()
        .withHost(options.host())
        .withPort(options.port())
        .withIssuer(uri(options, "issuer"))
        .withJwksUri(uri(options, "jwks-uri"))
        .withEventListener(options.eventListener());
    options.url("introspection-uri", "http://127.0.0.1:41003/crashtest/introspect")
        .ifPresent(builder::withIntrospectionUri);
    Path dataDirectory = options.path("data-dir", null);
    if (dataDirectory == null) {
      throw new IllegalArgumentException(
          "crm: missing option [--data-dir]; give the directory that keeps the CRM's state, e.g. --data-dir /tmp/crm");
    }
    return builder.withDataDirectory(dataDirectory);
  }

  private static URI uri(StandaloneOptions options, String name) {
    String raw = options.value(name, null);
    if (raw == null) {
      throw new IllegalArgumentException("crm: missing option [--" + name + "], e.g. --" + name + " "
          + (name.equals("issuer") ? "http://127.0.0.1:41003" : "http://127.0.0.1:41003/jwks"));
    }
    try {
      URI uri = new URI(raw);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new URISyntaxException(raw, "not an http(s) URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("crm: option [--" + name + "] value [" + raw + "] is not an http(s) URL");
    }
  }
}
