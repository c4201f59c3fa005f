package dev.crashtest.fakes.model;

import dev.crashtest.fakes.StandaloneOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the fake model endpoint on its own: {@code --port N} (0 = any), {@code --host H}, {@code --script FILE}
 * (default: the built-in procurement script, {@link Script#procurement()}), {@code --api-key KEY} (default: no key
 * needed), {@code --events-url URL} (each event POSTed there, see {@link dev.crashtest.fakes.HttpEventListener}).
 * Prints
 * {@code model listening on http://127.0.0.1:PORT} once it serves. A bad option or script prints one line on
 * standard error and exits with 2; a port that cannot be bound exits with 1.
 *
 * <pre>{@code
 * java -cp ... dev.crashtest.fakes.model.ModelEndpointMain --port 41001 --api-key k --script refund.json \
 *     --events-url http://127.0.0.1:40100/events
 * }</pre>
 */
public final class ModelEndpointMain {
  static final String SERVICE = "model";
  private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

  private ModelEndpointMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (System.getProperty(LOG_LEVEL) == null) {
      System.setProperty(LOG_LEVEL, "warn"); // keep Jetty's start-up chatter off a supervisor's console
    }
    ModelEndpoint endpoint;
    try {
      endpoint = start(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage().startsWith(SERVICE + ":") ? e.getMessage() : SERVICE + ": " + e.getMessage());
      System.exit(2);
      return;
    } catch (IllegalStateException e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    StandaloneOptions.announceAndWait(SERVICE, endpoint);
  }

  /** Parses the options and starts the endpoint; bad options or a bad script throw IllegalArgumentException. */
  static ModelEndpoint start(String[] args) {
    StandaloneOptions options =
        StandaloneOptions.parse(SERVICE, args, List.of("script", "api-key", StandaloneOptions.EVENTS_URL));
    Path scriptFile = options.path("script", null);
    ModelEndpoint.Builder builder = ModelEndpoint.builder()
        .withHost(options.host())
        .withPort(options.port())
        .withScript(scriptFile == null ? Script.procurement() : Script.fromFile(scriptFile))
        .withEventListener(options.eventListener());
    String apiKey = options.value("api-key", null);
    if (apiKey != null) {
      builder.withApiKey(apiKey);
    }
    return builder.start();
  }
}
