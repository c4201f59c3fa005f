package dev.crashtest.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.json read back is the same model: the same runs, comparison, sweeps and sections, written the same. */
class ReportRoundTripTest {
  @TempDir Path out;

  @Test
  void a_report_read_back_from_report_json_writes_the_same_report_json() throws IOException {
    ReportJsonGoldenTest.Campaign campaign = ReportJsonGoldenTest.campaign(out);
    Report written = Report.of(campaign.seed(), campaign.repeat(), campaign.runs(), campaign.sweeps(), out,
        campaign.files()).withSections(campaign.sections());
    Path file = JsonReport.write(written);

    Report read = Report.read(file);

    assertThat(read.runs()).as("runs read back").isEqualTo(written.runs());
    assertThat(read.crashPointSweeps()).as("sweeps read back").isEqualTo(written.crashPointSweeps());
    assertThat(read.sectionNames()).as("sections read back").containsExactly("shard", "baseline", "incomplete");
    assertThat(read).as("report read back, sections included").usingRecursiveComparison()
        .ignoringFields("comparison", "results", "facts").isEqualTo(written);
    assertThat(read.toJson()).as("report.json written again").isEqualTo(Files.readString(file));
    assertThat(Report.read(JsonReport.write(read))).as("read, written, read").isEqualTo(read);
  }

  @Test
  void a_report_read_back_renders_the_same_junit_xml_without_its_histories() throws IOException {
    ReportJsonGoldenTest.Campaign campaign = ReportJsonGoldenTest.campaign(out);
    Report written = Report.of(campaign.seed(), campaign.repeat(), campaign.runs(), campaign.sweeps(), out,
        campaign.files());
    String junit = Files.readString(JunitReport.write(written)).replaceAll("timestamp=\"[^\"]*\"", "");

    Report read = Report.read(JsonReport.write(written));

    assertThat(Files.readString(JunitReport.write(read)).replaceAll("timestamp=\"[^\"]*\"", ""))
        .as("junit.xml of the report read back").isEqualTo(junit);
    assertThat(read.facts().rerunCommand()).as("rerun command").isEqualTo(written.facts().rerunCommand());
    assertThat(read.facts().runTimeMillis()).as("run time").isEqualTo(written.facts().runTimeMillis());
  }

  @Test
  void a_report_written_before_runs_listed_their_faults_reads_back_with_none() throws IOException {
    Path file = JsonReport.write(Report.of(7L, 1, List.of(ReportRuns.fromTrace(out, "naive", 7L)), List.of(), out));
    ObjectNode report = (ObjectNode) new ObjectMapper().readTree(file.toFile());
    ((ObjectNode) report.get("runs").get(0)).remove("faults");
    Files.writeString(file, report.toString());

    assertThat(Report.read(file).runs().get(0).faults()).as("faults of an older report").isEmpty();
  }

  @Test
  void sections_are_read_as_records_and_may_not_take_the_reports_own_names() {
    Report report = Report.of(7L, 1, List.of(), List.of(), out)
        .withSection("shard", Map.of("index", 2, "count", 3, "cells", 4));

    assertThat(report.section("shard", Shard.class)).as("shard section").contains(new Shard(2, 3));
    assertThat(report.section("baseline", Shard.class)).as("absent section").isEmpty();
    assertThatThrownBy(() -> report.withSection("runs", List.of())).as("own name")
        .hasMessage("the section [runs] is the report's own; add sections of other names, e.g. \"shard\"");
  }

  @Test
  void a_file_that_is_no_report_is_refused_with_its_name() throws IOException {
    Path file = Files.writeString(out.resolve("report.json"), "{\"schemaVersion\": 2}");

    assertThatThrownBy(() -> Report.read(file)).as("schemaVersion 2")
        .hasMessage("[" + file + "] has schemaVersion [2]; this crashtest reads schemaVersion 1");
  }

  record Shard(int index, int count) {}
}
