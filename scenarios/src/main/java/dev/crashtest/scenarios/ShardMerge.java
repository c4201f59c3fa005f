package dev.crashtest.scenarios;

import dev.crashtest.scenario.CrashPointSweep;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.Seeds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Whether reports belong in one merged report, and the order their runs go in: {@code merge} takes the shards of
 * one campaign (same seed, tries, agents and scenarios; every shard once) and puts their runs back in the
 * campaign's order, so the merged report reads as if one process had run it all. Reports without a shard section
 * (the same seed, other scenarios or agents) are taken in the order given. Every run is taken once.
 *
 * <pre>{@code
 * ShardMerge.check(reports);                                   // IllegalArgumentException: one line, names the file
 * List<RunResult> runs = ShardMerge.order(reports, runsOfEach);
 * }</pre>
 */
final class ShardMerge {
  private ShardMerge() {}

  /**
   * Refuses reports that do not make one campaign.
   *
   * @throws IllegalArgumentException one line naming the report and what does not fit
   */
  static void check(List<SavedReport> reports) {
    SavedReport first = reports.get(0);
    for (SavedReport report : reports.subList(1, reports.size())) {
      if (report.seed() != first.seed()) {
        throw new IllegalArgumentException("[" + report.file() + "] has seed " + report.seed() + ", [" + first.file()
            + "] seed " + first.seed() + ": merge takes reports of one campaign, run with the same --seed");
      }
      if (report.repeat() != first.repeat()) {
        throw new IllegalArgumentException("[" + report.file() + "] ran " + report.repeat() + " tries per scenario ×"
            + " agent, [" + first.file() + "] " + first.repeat() + ": merge takes reports of the same --repeat");
      }
    }
    boolean sharded = first.shard().isPresent();
    for (SavedReport report : reports) {
      if (report.shard().isPresent() != sharded) {
        throw new IllegalArgumentException("[" + report.file() + "] is " + (sharded ? "not a shard" : "a shard")
            + " and [" + first.file() + "] is " + (sharded ? "one" : "not") + ": merge shards of one campaign, or"
            + " whole reports");
      }
    }
    if (sharded) {
      checkShards(reports);
    }
  }

  private static void checkShards(List<SavedReport> reports) {
    ReportSections.Shard first = reports.get(0).shard().orElseThrow();
    Map<Integer, SavedReport> byIndex = new HashMap<>();
    for (SavedReport report : reports) {
      ReportSections.Shard shard = report.shard().orElseThrow();
      if (shard.count() != first.count() || !shard.agents().equals(first.agents())
          || !shard.scenarios().equals(first.scenarios())) {
        throw new IllegalArgumentException("[" + report.file() + "] is shard " + shard.index() + "/" + shard.count()
            + " of agents " + shard.agents() + " × scenarios " + shard.scenarios() + ", [" + reports.get(0).file()
            + "] of " + first.count() + " shards of " + first.agents() + " × " + first.scenarios()
            + ": every shard must get the same --agent, --scenario and --shard i/n");
      }
      SavedReport twice = byIndex.put(shard.index(), report);
      if (twice != null) {
        throw new IllegalArgumentException("[" + report.file() + "] and [" + twice.file() + "] are both shard "
            + shard.index() + "/" + shard.count() + ": give each shard once");
      }
    }
    TreeSet<Integer> missing = new TreeSet<>();
    for (int i = 1; i <= first.count(); i++) {
      if (!byIndex.containsKey(i)) {
        missing.add(i);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("shard " + missing.stream().map(i -> i + "/" + first.count())
          .collect(Collectors.joining(", ")) + " missing: give every shard's report.json (got "
          + new TreeSet<>(byIndex.keySet()).stream().map(i -> i + "/" + first.count())
          .collect(Collectors.joining(", ")) + ")");
    }
  }

  /**
   * The runs of all {@code reports} ({@code runs.get(i)} read from {@code reports.get(i)}), in the campaign's order
   * when they are shards, else in the order given.
   *
   * @throws IllegalArgumentException when two reports hold the same run
   */
  static List<RunResult> order(List<SavedReport> reports, List<List<RunResult>> runs) {
    List<RunResult> all = new ArrayList<>();
    Map<List<Object>, SavedReport> seen = new HashMap<>();
    for (int i = 0; i < reports.size(); i++) {
      for (RunResult run : runs.get(i)) {
        SavedReport earlier = seen.put(List.of(run.scenario(), run.agent(), run.seed()), reports.get(i));
        if (earlier != null) {
          throw new IllegalArgumentException("[" + reports.get(i).file() + "] holds the run [" + run.scenario()
              + " × " + run.agent() + ", seed " + run.seed() + "] that [" + earlier.file() + "] holds too: merge"
              + " takes each run once");
        }
        all.add(run);
      }
    }
    Optional<ReportSections.Shard> shard = reports.get(0).shard();
    if (shard.isEmpty()) {
      return all;
    }
    long seed = reports.get(0).seed();
    int repeat = reports.get(0).repeat();
    // Stable: a sweep's runs share a cell and keep the order their shard ran them in.
    return all.stream().sorted(Comparator.comparingLong(run -> cell(run, shard.get(), seed, repeat))).toList();
  }

  /** The run's cell's place in the campaign's order: agents, then scenarios, then tries. */
  private static long cell(RunResult run, ReportSections.Shard shard, long seed, int repeat) {
    int agent = shard.agents().indexOf(run.agent());
    int item = shard.scenarios().indexOf(run.scenario());
    if (item < 0 && run.scenario().startsWith(CrashPointSweep.NAME + "[")) {
      item = shard.scenarios().indexOf(CrashPointSweep.NAME);
    }
    int tryIndex = Seeds.tryOf(seed, repeat, run.seed()).orElse(repeat);
    if (agent < 0 || item < 0) {
      return Long.MAX_VALUE;
    }
    return ((long) agent * shard.scenarios().size() + item) * (repeat + 1) + tryIndex;
  }
}
