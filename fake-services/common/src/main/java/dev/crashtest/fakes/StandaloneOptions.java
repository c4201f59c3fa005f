package dev.crashtest.fakes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options shared by every fake's {@code main}: {@code --port N} (0 = any free port),
 * {@code --host H} (default 127.0.0.1) and service-specific {@code --name value} pairs.
 *
 * <pre>{@code
 * StandaloneOptions options = StandaloneOptions.parse("crm", args, List.of("data-dir", "issuer"));
 * int port = options.port();
 * }</pre>
 */
public final class StandaloneOptions {
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
