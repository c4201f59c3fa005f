package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.reports.Report;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportSectionsTest {
  @TempDir Path out;

  @Test
  void the_command_lines_sections_write_the_json_the_hand_built_maps_wrote_and_read_back() {
    Map<String, Object> shard = new LinkedHashMap<>();
    shard.put("index", 1);
    shard.put("count", 2);
    shard.put("cells", 9);
    shard.put("agents", List.of("naive", "python"));
    shard.put("scenarios", List.of("happy-path"));
    Map<String, Object> incomplete = new LinkedHashMap<>();
    incomplete.put("reason", "interrupted");
    incomplete.put("runsFinished", 3);
    incomplete.put("runsPlanned", 9);
    Report report = Report.of(7L, 1, List.of(), List.of(), out);

    Report typed = report.withSection(ReportSections.SHARD,
            new ReportSections.Shard(1, 2, 9, List.of("naive", "python"), List.of("happy-path")))
        .withSection(ReportSections.MERGED_FROM, List.of(new ReportSections.MergedFrom("a/report.json", "1/2"),
            new ReportSections.MergedFrom("b/report.json", null)))
        .withSection(ReportSections.INCOMPLETE, new ReportSections.Incomplete("interrupted", 3, 9));
    Report maps = report.withSection("shard", shard)
        .withSection("mergedFrom", List.of(ordered("report", "a/report.json", "shard", "1/2"),
            ordered("report", "b/report.json")))
        .withSection("incomplete", incomplete);

    assertThat(typed.toJson()).as("report.json with the sections as records").isEqualTo(maps.toJson());
    assertThat(typed.section(ReportSections.SHARD, ReportSections.Shard.class)).as("shard read back")
        .contains(new ReportSections.Shard(1, 2, 9, List.of("naive", "python"), List.of("happy-path")));
  }

  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
