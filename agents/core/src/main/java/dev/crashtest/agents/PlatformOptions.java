package dev.crashtest.agents;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The command line the harness gives every platform main: {@code --port P --admin-port A --state-dir D}, in any
 * order. This reads the three options; each platform decides which it requires and what it does with them.
 *
 * <pre>{@code
 * PlatformOptions options = PlatformOptions.parse(args, "usage: --port <port> --admin-port <port> --state-dir <dir>");
 * int port = options.port(PlatformOptions.PORT, 1).orElseThrow();
 * Optional<Path> stateDir = options.stateDir();
 * }</pre>
 */
public final class PlatformOptions {
  public static final String PORT = "--port";
  public static final String ADMIN_PORT = "--admin-port";
  public static final String STATE_DIR = "--state-dir";

  private final Map<String, String> values;

  private PlatformOptions(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /**
   * Reads the options; a later value of an option replaces an earlier one.
   *
   * @param usage the platform's usage line, appended to the messages
   * @throws IllegalArgumentException for an unknown argument or an option without a value, naming it
   */
  public static PlatformOptions parse(String[] args, String usage) {
    Objects.requireNonNull(usage, "usage");
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (!option.equals(PORT) && !option.equals(ADMIN_PORT) && !option.equals(STATE_DIR)) {
        throw new IllegalArgumentException("unknown argument [" + option + "]; " + usage);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option [" + option + "] needs a value; " + usage);
      }
      values.put(option, args[++i]);
    }
    return new PlatformOptions(values);
  }

  /** The value given to {@code option} ({@link #PORT}, {@link #ADMIN_PORT} or {@link #STATE_DIR}), as given. */
  public Optional<String> value(String option) {
    return Optional.ofNullable(values.get(option));
  }

  /**
   * The TCP port given to {@code option}, if it was given.
   *
   * @param lowest the lowest port the platform accepts: 1, or 0 if "any free port" makes sense to it
   * @throws IllegalArgumentException if the value is not a number from {@code lowest} to 65535
   */
  public OptionalInt port(String option, int lowest) {
    Optional<String> value = value(option);
    if (value.isEmpty()) {
      return OptionalInt.empty();
    }
    try {
      int port = Integer.parseInt(value.get());
      if (port >= lowest && port <= 65535) {
        return OptionalInt.of(port);
      }
    } catch (NumberFormatException e) {
      // reported below, with the range
    }
    throw new IllegalArgumentException("option [" + option + "] value [" + value.get() + "] is not a TCP port ("
        + lowest + "-65535)");
  }

  /** The value of {@link #STATE_DIR}, if given, as a path (not resolved). */
  public Optional<Path> stateDir() {
    return value(STATE_DIR).map(Path::of);
  }

  @Override
  public String toString() {
    return "PlatformOptions" + new TreeMap<>(values);
  }
}
