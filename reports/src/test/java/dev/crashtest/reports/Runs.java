package dev.crashtest.reports;

import dev.crashtest.history.History;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made run results for report tests. */
final class Runs {
  private Runs() {}

  static RunResult run(String scenario, String agent, RunVerdict verdict, Object... metrics) {
    Map<String, Long> values = new LinkedHashMap<>();
    values.put("wallTimeMillis", 2_000L);
    for (int i = 0; i < metrics.length; i += 2) {
      values.put((String) metrics[i], ((Number) metrics[i + 1]).longValue());
    }
    return new RunResult(scenario, agent, 42L, verdict, List.of(), null, values, History.of(List.of()),
        Path.of("out", scenario + "--" + agent));
  }
}
