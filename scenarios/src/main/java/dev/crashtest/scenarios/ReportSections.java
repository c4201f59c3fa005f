package dev.crashtest.scenarios;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The sections the command line adds to a {@link dev.crashtest.reports.Report} after its own fields, as records
 * written into report.json and read back from it (their shape is in {@code JsonReport}'s documentation). The
 * {@code baseline} section is {@link Baseline.Diff#toJson()}.
 *
 * <pre>{@code
 * report.withSection(ReportSections.SHARD, new ReportSections.Shard(1, 2, 9, agents, scenarios));
 * report.section(ReportSections.SHARD, ReportSections.Shard.class);   // read back
 * }</pre>
 */
final class ReportSections {
  static final String SHARD = "shard";
  static final String MERGED_FROM = "mergedFrom";
  static final String INCOMPLETE = "incomplete";

  private ReportSections() {}

  /**
   * A run with {@code --shard index/count}: what {@code merge} needs to put shards back in the campaign's order and
   * to tell whose shards they are.
   *
   * @param cells how many of the campaign's scenario × agent × try cells this shard ran
   * @param agents the whole campaign's agents, in its order
   * @param scenarios the whole campaign's scenarios, in its order
   */
  @JsonPropertyOrder({"index", "count", "cells", "agents", "scenarios"})
  record Shard(int index, int count, int cells, List<String> agents, List<String> scenarios) {}

  /**
   * One report {@code crashtest merge} merged.
   *
   * @param shard {@code index/count} when the report was a shard, else {@code null}
   */
  @JsonPropertyOrder({"report", "shard"})
  record MergedFrom(String report, @JsonInclude(JsonInclude.Include.NON_NULL) String shard) {}

  /**
   * A campaign stopped before its end, whose report holds only the runs that finished.
   *
   * @param reason {@code interrupted}: Ctrl-C
   */
  @JsonPropertyOrder({"reason", "runsFinished", "runsPlanned"})
  record Incomplete(String reason, int runsFinished, int runsPlanned) {}
}
