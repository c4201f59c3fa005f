package dev.crashtest.junit;

import dev.crashtest.check.CheckResult;
import dev.crashtest.history.Op;
import dev.crashtest.scenario.RunResult;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A run told to a human in a few lines: what ran, what failed with its evidence in words, and how to rerun it. */
final class RunReport {
  /** More evidence than this per check is summed up in one line: the history file has it all. */
  static final int MAX_EVIDENCE = 8;

  private RunReport() {}

  static String of(RunResult result) {
    StringBuilder text = new StringBuilder();
    text.append("scenario [").append(result.scenario()).append("], agent [").append(result.agent())
        .append("]: ").append(result.verdict());
    Map<Long, Op> ops = result.history() == null ? Map.of()
        : result.history().ops().stream().collect(Collectors.toMap(Op::index, Function.identity(), (a, b) -> a));
    for (CheckResult violation : result.violations()) {
      text.append("\n  ").append(violation.checker()).append(" ").append(violation.verdict()).append(": ")
          .append(violation.message());
      evidence(text, violation.evidence(), ops);
    }
    if (!result.error().isEmpty()) {
      text.append("\n  error: ").append(result.error());
    }
    text.append("\n  seed: ").append(result.seed());
    if (result.directory() != null) {
      text.append("\n  history: ").append(result.directory().resolve("history.jsonl").toAbsolutePath());
    }
    text.append("\n  reproduce: ").append(result.reproduce());
    return text.toString();
  }

  private static void evidence(StringBuilder text, List<Long> indexes, Map<Long, Op> ops) {
    indexes.stream().limit(MAX_EVIDENCE).forEach(index -> text.append("\n    evidence: ")
        .append(ops.containsKey(index) ? ops.get(index).describe() : "#" + index + " (not in this run's history)"));
    if (indexes.size() > MAX_EVIDENCE) {
      text.append("\n    evidence: ... and ").append(indexes.size() - MAX_EVIDENCE).append(" more op(s) in the history");
    }
  }
}
