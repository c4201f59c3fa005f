package dev.crashtest.fakes;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Command-line options shared by every fake's {@code main}: {@code --port N} (0 = any free port),
 * {@code --host H} (default 127.0.0.1) and service-specific {@code --name value} pairs, among them
 * {@value #EVENTS_URL} for a fake that sends its events to another process.
 *
 * <pre>{@code
 * StandaloneOptions options = StandaloneOptions.parse("crm", args, List.of("data-dir", "issuer", "events-url"));
 * int port = options.port();
 * builder.withEventListener(options.eventListener());
 * }</pre>
 */
public final class StandaloneOptions {
  /** The option naming where to post events: {@code --events-url http://127.0.0.1:40100/events}. */
  public static final String EVENTS_URL = "events-url";

  private final String service;
  private final Map<String, String> values;

  private StandaloneOptions(String service, Map<String, String> values) {
    this.service = service;
    this.values = values;
  }

  /**
   * Parses {@code --name value} pairs. Throws {@link IllegalArgumentException} with a one-line message naming
   * the bad option and listing the known ones.
   */
  public static StandaloneOptions parse(String service, String[] args, List<String> extraOptions) {
    List<String> known = new ArrayList<>(List.of("port", "host"));
    known.addAll(extraOptions);
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg.startsWith("--") ? arg.substring(2) : arg.startsWith("-") ? arg.substring(1) : null;
      if (name == null || !known.contains(name)) {
        throw new IllegalArgumentException(
            service + ": unknown option [" + arg + "]; known options: --" + String.join(", --", known));
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(service + ": option [" + arg + "] needs a value");
      }
      values.put(name, args[++i]);
    }
    return new StandaloneOptions(service, values);
  }

  public String host() {
    return values.getOrDefault("host", "127.0.0.1");
  }

  public int port() {
    String raw = values.getOrDefault("port", "0");
    try {
      int port = Integer.parseInt(raw);
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(service + ": --port [" + raw + "] is not a port number (0-65535)");
    }
  }

  public String value(String name, String defaultValue) {
    return values.getOrDefault(name, defaultValue);
  }

  /**
   * The value of {@code --name} as an absolute {@code http(s)} URL, or empty without the option.
   *
   * @param example a value to show in the error, e.g. {@code http://127.0.0.1:40100/events}
   * @throws IllegalArgumentException with a one-line message if the value is not such a URL
   */
  public Optional<URI> url(String name, String example) {
    String raw = values.get(name);
    if (raw == null) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(raw);
      if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException e) {
      // refused below, with the same message as any other value that is not a URL
    }
    throw new IllegalArgumentException(
        service + ": --" + name + " [" + raw + "] is not an http(s) URL, e.g. --" + name + " " + example);
  }

  /**
   * Where {@code --events-url URL} says to send events: an {@link HttpEventListener} to it, or {@link
   * ServiceEventListener#NONE} without the option. The main must list {@value #EVENTS_URL} among its options.
   */
  public ServiceEventListener eventListener() {
    return url(EVENTS_URL, "http://127.0.0.1:40100/events").<ServiceEventListener>map(HttpEventListener::to)
        .orElse(ServiceEventListener.NONE);
  }

  public Path path(String name, Path defaultValue) {
    String raw = values.get(name);
    return raw == null ? defaultValue : Path.of(raw);
  }

  /** Prints the one line a supervisor waits for, then blocks until the JVM is stopped. */
  public static void announceAndWait(String service, FakeService running) throws InterruptedException {
    Runtime.getRuntime().addShutdownHook(new Thread(running::close, service + "-shutdown"));
    System.out.println(service + " listening on " + running.baseUrl());
    System.out.flush();
    new java.util.concurrent.CountDownLatch(1).await();
  }
}
