package dev.crashtest.scenarios;

import dev.crashtest.reports.Comparison;
import dev.crashtest.scenario.RunVerdict;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An earlier {@code report.json} to compare against, from {@code --baseline}: which scenario × agent cells got worse
 * (a cell that passed now fails or errors, pass^k dropped, more duplicated effects or unrecovered restarts) and which
 * got better. A regression fails the run (exit 1). Only cells both reports hold are compared, so a shard or a
 * narrower run compares its own cells; pass^k only at the same k, sums only over the same number of tries.
 *
 * <pre>{@code
 * Baseline baseline = Baseline.read(Path.of("last-release/report.json"));
 * Baseline.Diff diff = baseline.diff(Comparison.of(results, 1));
 * diff.regressions();   // [crash-before-create-quote × naive: verdict PASS → FAIL]
 * }</pre>
 */
final class Baseline {
  private final Path file;
  private final long seed;
  private final int repeat;
  private final List<Comparison.Cell> cells;

  /**
   * One cell that changed.
   *
   * @param fields what changed, among {@code verdict}, {@code passK}, {@code duplicates}, {@code unrecovered}
   */
  record Change(String scenario, String agent, List<String> fields, Comparison.Cell before, Comparison.Cell after) {
    @Override
    public String toString() {
      List<String> parts = new ArrayList<>();
      for (String field : fields) {
        parts.add(switch (field) {
          case "verdict" -> "verdict " + before.verdict() + " → " + after.verdict();
          case "passK" -> String.format(Locale.ROOT, "pass^k %.2f → %.2f", before.passK().getAsDouble(),
              after.passK().getAsDouble());
          case "duplicates" -> "duplicates " + before.duplicates() + " → " + after.duplicates();
          default -> "unrecovered " + before.unrecovered() + " → " + after.unrecovered();
        });
      }
      return scenario + " × " + agent + ": " + String.join(", ", parts);
    }
  }

  /**
   * What changed since the baseline.
   *
   * @param newCells cells this run has and the baseline has not, as {@code scenario × agent}
   * @param notRun how many of the baseline's cells this run did not run
   */
  record Diff(Baseline baseline, List<Change> regressions, List<Change> improvements, int unchanged,
      List<String> newCells, int notRun) {

    /** The {@code baseline} section of report.json (its shape is in {@code JsonReport}'s documentation). */
    Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("report", baseline.file.toString());
      json.put("seed", baseline.seed);
      json.put("repeat", baseline.repeat);
      json.put("regressions", regressions.stream().map(change -> change(change, "worse")).toList());
      json.put("improvements", improvements.stream().map(change -> change(change, "better")).toList());
      json.put("unchanged", unchanged);
      json.put("newCells", newCells);
      json.put("notRun", notRun);
      return json;
    }

    /** The console's "Since baseline" section. */
    void print(PrintStream console) {
      console.printf("%nSince baseline %s (seed %d, %d %s per cell): %d worse, %d better, %d unchanged%n",
          baseline.file, baseline.seed, baseline.repeat, baseline.repeat == 1 ? "try" : "tries", regressions.size(),
          improvements.size(), unchanged);
      regressions.forEach(change -> console.println("  worse   " + change));
      improvements.forEach(change -> console.println("  better  " + change));
      if (!newCells.isEmpty()) {
        console.println("  new     " + String.join(", ", newCells) + " (not in the baseline)");
      }
      if (notRun > 0) {
        console.printf("  %d of the baseline's scenario × agent cells not run this time%n", notRun);
      }
    }

    private static Map<String, Object> change(Change change, String direction) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("scenario", change.scenario());
      json.put("agent", change.agent());
      json.put(direction, change.fields());
      json.put("before", facts(change.before()));
      json.put("after", facts(change.after()));
      return json;
    }

    private static Map<String, Object> facts(Comparison.Cell cell) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("verdict", cell.verdict().name());
      cell.passK().ifPresent(passK -> json.put("passK", Math.round(passK * 1000) / 1000.0));
      json.put("duplicates", cell.duplicates());
      json.put("unrecovered", cell.unrecovered());
      return json;
    }
  }

  private Baseline(Path file, long seed, int repeat, List<Comparison.Cell> cells) {
    this.file = file;
    this.seed = seed;
    this.repeat = repeat;
    this.cells = List.copyOf(cells);
  }

  /**
   * Reads a report.json an earlier run wrote.
   *
   * @throws IllegalArgumentException one line naming the file and what is wrong with it
   */
  static Baseline read(Path file) {
    try {
      SavedReport report = SavedReport.read(file);
      return new Baseline(file, report.seed(), report.repeat(), report.cells());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--baseline " + e.getMessage(), e);
    }
  }

  /** Compares {@code current} (this run's comparison) with the baseline's cells. */
  Diff diff(Comparison current) {
    List<Change> regressions = new ArrayList<>();
    List<Change> improvements = new ArrayList<>();
    List<String> newCells = new ArrayList<>();
    int unchanged = 0;
    int matched = 0;
    for (Comparison.Cell after : current.cells()) {
      Optional<Comparison.Cell> found = cells.stream().filter(cell -> cell.scenario().equals(after.scenario())
          && cell.agent().equals(after.agent())).findFirst();
      if (found.isEmpty()) {
        newCells.add(after.scenario() + " × " + after.agent());
        continue;
      }
      matched++;
      Comparison.Cell before = found.get();
      List<String> worse = new ArrayList<>();
      List<String> better = new ArrayList<>();
      compare(before, after, current.k(), worse, better);
      if (!worse.isEmpty()) {
        regressions.add(new Change(after.scenario(), after.agent(), worse, before, after));
      } else if (!better.isEmpty()) {
        improvements.add(new Change(after.scenario(), after.agent(), better, before, after));
      } else {
        unchanged++;
      }
    }
    return new Diff(this, regressions, improvements, unchanged, newCells, cells.size() - matched);
  }

  private void compare(Comparison.Cell before, Comparison.Cell after, int k, List<String> worse,
      List<String> better) {
    if (before.verdict() == RunVerdict.SKIPPED || after.verdict() == RunVerdict.SKIPPED) {
      return;
    }
    boolean passedBefore = before.verdict() == RunVerdict.PASS;
    boolean passedAfter = after.verdict() == RunVerdict.PASS;
    if (passedBefore != passedAfter) {
      (passedBefore ? worse : better).add("verdict");
    }
    if (k == repeat && before.passK().isPresent() && after.passK().isPresent()) {
      double change = after.passK().getAsDouble() - before.passK().getAsDouble();
      if (Math.abs(change) > 0.0005) {
        (change < 0 ? worse : better).add("passK");
      }
    }
    if (before.tries() == after.tries()) {
      count("duplicates", before.duplicates(), after.duplicates(), worse, better);
      count("unrecovered", before.unrecovered(), after.unrecovered(), worse, better);
    }
  }

  private static void count(String field, long before, long after, List<String> worse, List<String> better) {
    if (after != before) {
      (after > before ? worse : better).add(field);
    }
  }
}
