package dev.crashtest.reports;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.crashtest.scenario.RunMetrics;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.LongStream;

/**
 * Runs of one campaign folded into a scenario × agent matrix and a summary per agent: pass^k, recovery time,
 * duplicates and redone steps. Skipped runs (the scenario does not apply to the agent) count for nothing.
 *
 * <pre>{@code
 * Comparison comparison = Comparison.of(results, 3);   // runs made with --repeat 3
 * comparison.agents().get(0).passK();                  // share of scenarios the agent passed all 3 times
 * }</pre>
 */
@JsonPropertyOrder({"k", "cells", "agents"})
public final class Comparison {
  private final int k;
  private final List<Cell> cells;
  private final List<AgentSummary> agents;

  @JsonCreator
  private Comparison(@JsonProperty("k") int k, @JsonProperty("cells") List<Cell> cells,
      @JsonProperty("agents") List<AgentSummary> agents) {
    this.k = k;
    this.cells = List.copyOf(cells);
    this.agents = List.copyOf(agents);
  }

  /**
   * One scenario against one agent, over its tries.
   *
   * @param verdict PASS when every try passed, FAIL when one failed, ERROR when one could not be judged and none
   *     failed, SKIPPED when the scenario does not apply
   * @param passK pass^k over the judged tries; empty when skipped or fewer than k tries were judged
   * @param medianRecoveryMillis median over the tries that restarted and recovered
   * @param unrecovered restarts after which the agent never made progress, summed over the tries
   * @param duplicates, redoneModelCalls, redoneCrmCalls summed over the tries
   * @param medianModelTokens, medianWallMillis median over the judged tries
   */
  public record Cell(String scenario, String agent, int tries, int passed, RunVerdict verdict,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonSerialize(using = ThreeDecimals.class) OptionalDouble passK,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) OptionalLong medianRecoveryMillis, long unrecovered, long duplicates, long redoneModelCalls,
      long redoneCrmCalls, long medianModelTokens, long medianWallMillis) {}

  /**
   * One agent over every scenario it was judged on.
   *
   * @param passK the mean of its scenarios' pass^k; empty when none was judged
   * @param medianRecoveryMillis median over all its runs that restarted and recovered
   */
  public record AgentSummary(String agent, int scenarios,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonSerialize(using = ThreeDecimals.class) OptionalDouble passK,
      int runs, int passed, @JsonInclude(JsonInclude.Include.NON_EMPTY) OptionalLong medianRecoveryMillis,
      long unrecovered, long duplicates, long redoneModelCalls,
      long redoneCrmCalls) {}

  /**
   * Folds {@code runs}, each scenario × agent tried {@code k} times: cells grouped by scenario, scenarios and agents
   * in the order they first appear.
   */
  public static Comparison of(List<RunResult> runs, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k counts tries and must be >= 1, got [" + k + "]");
    }
    List<String> scenarios = runs.stream().map(RunResult::scenario).distinct().toList();
    List<String> agentNames = runs.stream().map(RunResult::agent).distinct().toList();
    Map<List<String>, List<RunResult>> groups = new LinkedHashMap<>();
    for (String scenario : scenarios) {
      for (String agent : agentNames) {
        List<RunResult> tries = runs.stream().filter(run -> run.scenario().equals(scenario)
            && run.agent().equals(agent)).toList();
        if (!tries.isEmpty()) {
          groups.put(List.of(scenario, agent), tries);
        }
      }
    }
    List<Cell> cells = groups.values().stream().map(tries -> cell(tries, k)).toList();
    Map<String, List<RunResult>> perAgent = new LinkedHashMap<>();
    runs.forEach(run -> perAgent.computeIfAbsent(run.agent(), a -> new ArrayList<>()).add(run));
    List<AgentSummary> agents = new ArrayList<>();
    perAgent.forEach((agent, agentRuns) -> agents.add(summary(agent, agentRuns,
        cells.stream().filter(cell -> cell.agent().equals(agent)).toList())));
    return new Comparison(k, cells, agents);
  }

  /** How many tries pass^k asks to pass. */
  @JsonProperty
  public int k() {
    return k;
  }

  /** One cell per scenario × agent, grouped by scenario. */
  @JsonProperty
  public List<Cell> cells() {
    return cells;
  }

  /** One summary per agent, in the order the runs came. */
  @JsonProperty
  public List<AgentSummary> agents() {
    return agents;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Comparison that && k == that.k && cells.equals(that.cells) && agents.equals(that.agents);
  }

  @Override
  public int hashCode() {
    return Objects.hash(k, cells, agents);
  }

  @Override
  public String toString() {
    return "Comparison[k=" + k + ", cells=" + cells + ", agents=" + agents + "]";
  }

  private static Cell cell(List<RunResult> tries, int k) {
    RunResult first = tries.get(0);
    List<RunResult> judged = tries.stream().filter(run -> run.verdict() != RunVerdict.SKIPPED).toList();
    int passed = (int) judged.stream().filter(run -> run.verdict() == RunVerdict.PASS).count();
    OptionalDouble passK = judged.size() >= k ? OptionalDouble.of(PassK.estimate(judged.size(), passed, k))
        : OptionalDouble.empty();
    return new Cell(first.scenario(), first.agent(), tries.size(), passed, verdictOf(tries), passK,
        median(recoveries(judged)), sum(judged, RunMetrics.UNRECOVERED_RESTARTS),
        sum(judged, RunMetrics.DUPLICATE_EFFECTS), sum(judged, RunMetrics.REDONE_MODEL_CALLS),
        sum(judged, RunMetrics.REDONE_CRM_CALLS), median(values(judged, RunMetrics.MODEL_TOKENS)).orElse(0),
        median(values(judged, RunMetrics.WALL_TIME_MILLIS)).orElse(0));
  }

  private static AgentSummary summary(String agent, List<RunResult> runs, List<Cell> cells) {
    List<RunResult> judged = runs.stream().filter(run -> run.verdict() != RunVerdict.SKIPPED).toList();
    List<Cell> judgedCells = cells.stream().filter(cell -> cell.passK().isPresent()).toList();
    OptionalDouble passK = judgedCells.stream().mapToDouble(cell -> cell.passK().getAsDouble()).average();
    int passed = (int) judged.stream().filter(run -> run.verdict() == RunVerdict.PASS).count();
    return new AgentSummary(agent, judgedCells.size(), passK, judged.size(), passed, median(recoveries(judged)),
        sum(judged, RunMetrics.UNRECOVERED_RESTARTS), sum(judged, RunMetrics.DUPLICATE_EFFECTS),
        sum(judged, RunMetrics.REDONE_MODEL_CALLS), sum(judged, RunMetrics.REDONE_CRM_CALLS));
  }

  private static RunVerdict verdictOf(List<RunResult> tries) {
    if (tries.stream().allMatch(run -> run.verdict() == RunVerdict.SKIPPED)) {
      return RunVerdict.SKIPPED;
    }
    if (tries.stream().anyMatch(run -> run.verdict() == RunVerdict.FAIL)) {
      return RunVerdict.FAIL;
    }
    return tries.stream().anyMatch(run -> run.verdict() == RunVerdict.ERROR) ? RunVerdict.ERROR : RunVerdict.PASS;
  }

  private static long[] recoveries(List<RunResult> runs) {
    return runs.stream().map(run -> run.metrics().get(RunMetrics.RECOVERY_MILLIS)).filter(Objects::nonNull)
        .mapToLong(Long::longValue).toArray();
  }

  private static long[] values(List<RunResult> runs, String metric) {
    return runs.stream().mapToLong(run -> run.metrics().getOrDefault(metric, 0L)).toArray();
  }

  private static long sum(List<RunResult> runs, String metric) {
    return LongStream.of(values(runs, metric)).sum();
  }

  /** The middle value; for an even count the lower of the two middle ones, so it is always a measured value. */
  static OptionalLong median(long[] values) {
    if (values.length == 0) {
      return OptionalLong.empty();
    }
    long[] sorted = LongStream.of(values).sorted().toArray();
    return OptionalLong.of(sorted[(sorted.length - 1) / 2]);
  }
}
