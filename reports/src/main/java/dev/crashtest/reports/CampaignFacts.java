package dev.crashtest.reports;

import dev.crashtest.scenario.CrashPointSweep;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.Seeds;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;

/** How a {@link Report} finds its facts: try numbers, versions, total run time and the rerun command, once. */
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

  /** The facts of a campaign of {@code runs}, {@code repeat} tries drawn from {@code seed}, with {@code sweeps}. */
  static Report.Facts of(long seed, int repeat, List<ReportRun> runs, List<Report.Sweep> sweeps) {
    return new Report.Facts(crashtestVersion(), javaVersion(), runs.stream().mapToLong(ReportRun::wallMillis).sum(),
        rerunCommand(seed, repeat, runs, sweeps), Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  /**
   * The command that runs the whole campaign again: its scenarios (a sweep's runs as {@code crash-point-sweep}, a
   * scenario read from a file as {@code --scenario-file} with its path), its agents, seed and tries. Output goes to
   * the default directory.
   */
  private static String rerunCommand(long seed, int repeat, List<ReportRun> runs, List<Report.Sweep> sweeps) {
    Set<String> scenarios = new LinkedHashSet<>();
    Set<String> files = new LinkedHashSet<>();
    Set<String> agents = new LinkedHashSet<>();
    for (ReportRun run : runs) {
      if (run.scenarioFile() != null) {
        files.add(run.scenarioFile().path());
      } else {
        scenarios.add(sweeps.stream().anyMatch(sweep -> sweep.holds(run)) ? CrashPointSweep.NAME : run.scenario());
      }
      agents.add(run.agent());
    }
    StringBuilder command = new StringBuilder("./crashtest run");
    if (!scenarios.isEmpty() || files.isEmpty()) {
      command.append(" --scenario ").append(quoted(String.join(",", scenarios)));
    }
    files.forEach(file -> command.append(" --scenario-file ").append(ReportRun.shellQuoted(file)));
    return command.append(" --agent ").append(quoted(String.join(",", agents))).append(" --seed ").append(seed)
        .append(repeat == 1 ? "" : " --repeat " + repeat).toString();
  }

  private static String quoted(String argument) {
    return argument.matches(SHELL_SAFE) ? argument : "'" + argument.replace("'", "'\\''") + "'";
  }

  /** This build's version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when run from classes without resources. */
  private static String crashtestVersion() {
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
  private static String javaVersion() {
    return System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";
  }
}
