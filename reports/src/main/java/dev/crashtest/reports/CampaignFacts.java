package dev.crashtest.reports;

import dev.crashtest.scenario.CrashPointSweep;
import dev.crashtest.scenario.RunMetrics;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.Seeds;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;

/** What the junit.xml and index.html of a campaign share: try numbers, run labels, versions and the rerun command. */
final class CampaignFacts {
  private static final String SHELL_SAFE = "[A-Za-z0-9._,/-]+";

  private CampaignFacts() {}

  /**
   * For each run, which try of its scenario × agent it is, from 1: the try whose seed it carries, so a shard that
   * ran only try 2 still calls it try 2. A run whose seed is no try's, or names a try its cell already had (runs made
   * by hand), is numbered by its place among its cell's runs.
   */
  static List<Integer> tryNumbers(long seed, int repeat, List<RunResult> runs) {
    Map<List<String>, Integer> counts = new HashMap<>();
    Set<List<Object>> taken = new HashSet<>();
    List<Integer> numbers = new ArrayList<>();
    for (RunResult run : runs) {
      int counted = counts.merge(List.of(run.scenario(), run.agent()), 1, Integer::sum);
      OptionalInt bySeed = Seeds.tryOf(seed, repeat, run.seed());
      int number = bySeed.isPresent() && !taken.contains(List.of(run.scenario(), run.agent(), bySeed.getAsInt() + 1))
          ? bySeed.getAsInt() + 1 : counted;
      taken.add(List.of(run.scenario(), run.agent(), number));
      numbers.add(number);
    }
    return numbers;
  }

  /**
   * The run's name among its agent's runs: the scenario (a sweep run's name already holds its crash point), and with
   * more than one try the try and its seed, e.g. {@code happy-path [try 2/3, seed 7]}.
   */
  static String label(RunResult run, int tryNumber, int repeat) {
    return repeat == 1 ? run.scenario()
        : run.scenario() + " [try " + tryNumber + "/" + repeat + ", seed " + run.seed() + "]";
  }

  /** The run's wall time in seconds. */
  static double seconds(RunResult run) {
    return run.metrics().getOrDefault(RunMetrics.WALL_TIME_MILLIS, 0L) / 1000.0;
  }

  /** The runs' wall times added up: the time spent running, without starting and stopping environments. */
  static long totalWallMillis(List<RunResult> runs) {
    return runs.stream().mapToLong(run -> run.metrics().getOrDefault(RunMetrics.WALL_TIME_MILLIS, 0L)).sum();
  }

  /**
   * The command that runs the whole campaign again: its scenarios (a sweep's runs as {@code crash-point-sweep}), its
   * agents, seed and tries. Output goes to the default directory.
   */
  static String rerunCommand(long seed, int repeat, List<RunResult> runs, List<CrashPointSweep.Result> sweeps) {
    Set<RunResult> swept = Collections.newSetFromMap(new IdentityHashMap<>());
    sweeps.forEach(sweep -> swept.addAll(sweep.runs()));
    Set<String> scenarios = new LinkedHashSet<>();
    Set<String> agents = new LinkedHashSet<>();
    for (RunResult run : runs) {
      scenarios.add(swept.contains(run) ? CrashPointSweep.NAME : run.scenario());
      agents.add(run.agent());
    }
    return "./crashtest run --scenario " + quoted(String.join(",", scenarios)) + " --agent "
        + quoted(String.join(",", agents)) + " --seed " + seed + (repeat == 1 ? "" : " --repeat " + repeat);
  }

  private static String quoted(String argument) {
    return argument.matches(SHELL_SAFE) ? argument : "'" + argument.replace("'", "'\\''") + "'";
  }

  /** This build's version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when run from classes without resources. */
  static String crashtestVersion() {
    try (InputStream in = CampaignFacts.class.getResourceAsStream("crashtest.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException("could not read this build's version [crashtest.properties]: "
          + e.getMessage(), e);
    }
  }

  /** The running Java, e.g. {@code 17.0.15 (OpenJDK 64-Bit Server VM)}. */
  static String javaVersion() {
    return System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";
  }
}
