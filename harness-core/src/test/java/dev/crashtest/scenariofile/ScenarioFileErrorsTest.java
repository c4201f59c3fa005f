package dev.crashtest.scenariofile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crashtest.scenario.Faults;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenario.TraceSource;
import dev.crashtest.scenario.Triggers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioFileErrorsTest {

  private static List<String> problems(String yaml) {
    return catchThrowableOfType(ScenarioFileException.class, () -> ScenarioFile.parse("incident.yaml", yaml))
        .problems();
  }

  @Test
  void an_unknown_operation_in_a_trigger_names_the_line_column_field_and_the_closest_operation() {
    assertThat(problems("""
        name: typo
        faults:
          - fault: kill-agent
            when: {committed: crm.place_ordr}
        """)).containsExactly("incident.yaml:4:12: faults[0].when.committed: unknown operation [crm.place_ordr];"
        + " known: crm.create_quote, crm.place_order, crm.add_note (did you mean crm.place_order?)");
  }

  @Test
  void every_problem_of_a_file_is_reported_at_once_in_line_order() {
    assertThat(problems("""
        name: Bad_Name
        descripton: oops
        timeout: 5 sec
        checks: [standard, exactly-once]
        expect: {naive: FAILED}
        faults:
          - fault: kil-agent
          - fault: latency
            service: crm
            delay: 800ms +- 2
          - fault: outage
          - fault: model-rate-limited
            retry-after: 1s
            on-tool: lookup
        """)).containsExactly(
        "incident.yaml:1:1: name: [Bad_Name] must be lower-case words joined by '-', e.g. crash-after-place-order",
        "incident.yaml:2:1: descripton: unknown field [descripton]; known: name, description, timeout, requires,"
            + " experimental, resubmit-after-restart, handoff-from, clock-compression, approval, checks, expect, faults"
            + " (did you mean description?)",
        "incident.yaml:3:1: timeout: bad duration [5 sec]; write a whole number and a unit (us, ms, s, m, h, d),"
            + " e.g. 800ms, 3s, 72h",
        "incident.yaml:4:20: checks[1]: unknown check [exactly-once]; known: standard, identity, always,"
            + " task-completed, task-ended, exactly-once-effects, no-work-redone, delegated-writes, least-privilege,"
            + " revocation-respected, rotation-survived, retry-after-honoured, approval-gate, requested-writes,"
            + " secret-hygiene, mcp-tools-current (did you mean exactly-once-effects?)",
        "incident.yaml:5:10: expect.naive: unknown verdict [FAILED]; known: PASS, FAIL, ERROR (did you mean FAIL?)",
        "incident.yaml:7:5: faults[0].fault: unknown fault [kil-agent]; known: " + String.join(", ", FaultForms.names())
            + " (did you mean kill-agent?)",
        "incident.yaml:10:5: faults[1].delay: bad duration [800ms +- 2]; write a delay and its jitter, e.g. 800ms ± 200ms",
        "incident.yaml:11:5: faults[2]: missing field [service]",
        "incident.yaml:14:5: faults[3].on-tool: unknown tool [lookup]; known: get_account, create_quote, place_order,"
            + " add_note");
  }

  @Test
  void a_check_that_needs_an_argument_and_a_gate_both_delayed_and_withheld_say_what_to_write() {
    assertThat(problems("""
        name: x
        approval: {delay: 1s, withheld-for: 3s}
        checks: [standard, bounded-retries]
        """)).containsExactly(
        "incident.yaml:2:23: approval.withheld-for: a human who never answers has no delay; give delay or"
            + " withheld-for, not both",
        "incident.yaml:3:20: checks[1]: check [bounded-retries] takes an argument; write {bounded-retries: 5}");
  }

  @Test
  void a_zero_timeout_and_jitter_on_a_fault_that_takes_none_are_problems_at_their_field() {
    assertThat(problems("""
        name: x
        timeout: 0s
        faults:
          - fault: crm-slow
            delay: 800ms ± 200ms
        """)).containsExactly(
        "incident.yaml:2:1: timeout: timeout must be positive, got [0s]",
        "incident.yaml:5:5: faults[0].delay: [crm-slow] takes one duration, e.g. 800ms; only latency varies by a"
            + " seeded jitter");
  }

  @Test
  void malformed_yaml_gives_the_parsers_line_and_column() {
    assertThat(problems("name: x\nfaults:\n  - fault: kill-agent\n   when: {at: 1s}\n")).containsExactly(
        "incident.yaml:4:4: not valid YAML: expected <block end>, but found '<block mapping start>'");
  }

  @Test
  void a_file_that_is_not_a_map_or_is_empty_says_how_to_start() {
    assertThat(problems("- a\n- b\n")).containsExactly(
        "incident.yaml:1:1: a scenario file is a map of fields; start with a name, e.g. name: my-incident");
    assertThat(problems("")).containsExactly(
        "incident.yaml:1:1: the file is empty; a scenario needs at least a name, e.g. name: my-incident");
  }

  @Test
  void wrong_types_duplicate_fields_and_impossible_combinations_are_each_named() {
    assertThat(problems("""
        name: x
        name: y
        timeout: 3
        faults:
          - fault: rotate-signing-key
            grace: 1s
            lasting: 2s
          - fault: pause-agent
            lasting: 2s
            until: {call: crm.place_order, nth: 2}
          - {fault: kill-agent, when: {agent-enters: create_quote, at: 5s}}
          - fault: model-server-error
            status: 200
        """)).containsExactly(
        "incident.yaml:2:1: name: field [name] appears twice; keep one",
        "incident.yaml:3:1: timeout: expected a duration with its unit, e.g. 3s or 800ms, got a whole number [3]",
        "incident.yaml:7:5: faults[0].lasting: unknown field [lasting]; known: fault, when, optional, source, grace",
        "incident.yaml:10:5: faults[1].until: write lasting or until, not both",
        "incident.yaml:11:25: faults[2].when: a trigger names one moment, got [agent-enters, at]; split it into two"
            + " faults",
        "incident.yaml:13:5: faults[3].status: must be at least 400, got [200]");
  }

  @Test
  void a_fault_from_a_trace_carries_its_span_on_every_kind() {
    Scenario read = ScenarioFile.parse("incident.yaml", """
        name: incident
        faults:
          - fault: kill-agent
            when: {committed: crm.place_order}
            source: {trace-id: 4bf92f3577b34da6a3ce929d0e0e4736, span-id: 00f067aa0ba902b7}
          - fault: model-rate-limited
            retry-after: 2s
            source:
              trace-id: 4bf92f3577b34da6a3ce929d0e0e4736
              span-id: b7ad6b7169203331
        """).scenario();
    assertThat(read.faults()).extracting(fault -> fault.source().orElseThrow()).containsExactly(
        TraceSource.of("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"),
        TraceSource.of("4bf92f3577b34da6a3ce929d0e0e4736", "b7ad6b7169203331"));
    assertThat(read.faults().get(0).describe()).endsWith(
        " (from span 00f067aa0ba902b7 of trace 4bf92f3577b34da6a3ce929d0e0e4736)");
  }

  @Test
  void a_source_with_bad_hex_a_missing_span_id_or_an_unknown_field_is_one_line_each_at_its_field() {
    assertThat(problems("""
        name: incident
        faults:
          - fault: kill-agent
            source: {trace-id: 4BF92F3577B34DA6A3CE929D0E0E4736, span-id: 00f067aa0ba902b7}
          - fault: outage
            service: crm
            source: {trace-id: 4bf92f3577b34da6a3ce929d0e0e4736}
          - fault: rotate-agent-secret
            source: {trace-id: 4bf92f3577b34da6a3ce929d0e0e4736, span-id: 00f067aa0ba9, spam-id: x}
          - fault: revoke-delegation
            source: {trace-id: 4bf92f3577b34da6a3ce929d0e0e4736, span-id: 1234567890123456}
        """)).containsExactly(
        "incident.yaml:4:14: faults[0].source.trace-id: [4BF92F3577B34DA6A3CE929D0E0E4736] is not a trace id;"
            + " write its 32 lower-case hex digits, e.g. 4bf92f3577b34da6a3ce929d0e0e4736",
        "incident.yaml:7:5: faults[1].source: missing field [span-id], e.g. source: {trace-id:"
            + " 4bf92f3577b34da6a3ce929d0e0e4736, span-id: 00f067aa0ba902b7}",
        "incident.yaml:9:58: faults[2].source.span-id: [00f067aa0ba9] is not a span id; write its 16 lower-case hex"
            + " digits, e.g. 00f067aa0ba902b7",
        "incident.yaml:9:81: faults[2].source.spam-id: unknown field [spam-id]; known: trace-id, span-id"
            + " (did you mean span-id?)",
        "incident.yaml:11:58: faults[3].source.span-id: expected a string, got a whole number [1234567890123456];"
            + " write the id in quotes, e.g. span-id: \"1234567890123456\"");
  }

  @Test
  void a_directory_reads_every_yaml_file_sorted_and_a_clash_of_names_is_a_problem(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("b.yaml"), "name: second\n");
    Files.writeString(dir.resolve("a.yaml"), "name: first\n");
    Files.writeString(dir.resolve("notes.txt"), "not a scenario");
    assertThat(ScenarioFile.readAll(List.of(dir))).extracting(file -> file.scenario().name())
        .containsExactly("first", "second");
    Files.writeString(dir.resolve("c.yaml"), "name: first\n");
    assertThat(catchThrowableOfType(ScenarioFileException.class, () -> ScenarioFile.readAll(List.of(dir))).problems())
        .containsExactly(dir.resolve("c.yaml") + ": name [first] is already the name of the scenario in "
            + dir.resolve("a.yaml") + "; give each scenario its own name");
    assertThat(catchThrowableOfType(ScenarioFileException.class,
        () -> ScenarioFile.read(dir.resolve("missing.yaml"))).problems())
        .containsExactly(dir.resolve("missing.yaml") + ": no such file");
  }

  @Test
  void a_file_records_its_path_and_the_digest_of_its_bytes(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("incident.yaml");
    Files.writeString(file, "name: incident\n");
    ScenarioFile read = ScenarioFile.read(file);
    assertThat(read.path()).isEqualTo(file);
    assertThat(read.sha256()).isEqualTo(sha256("name: incident\n")).hasSize(64);
  }

  @Test
  void every_family_and_trigger_reads_into_the_fault_the_java_dsl_builds() {
    Scenario read = ScenarioFile.parse("all.yaml", """
        name: all
        faults:
          - fault: terminate-platform
            when: {call: model.chat_completion, nth: 3}
            restart-after: never
          - fault: pause-platform
            until: awaiting-approval
          - fault: clock-skew
            offset: -30s
            lasting: 2s
          - fault: slicer
            service: model
            average-bytes: 64
            delay: 500us
            upstream: true
          - fault: crm-slow
            delay: 2s
            operation: add_note
            when: {after-crm-calls: 2}
            optional: true
          - fault: identity-token-error
            status: 503
            for-requests: 2
            when: {at: 1500ms}
        """).scenario();
    assertThat(read.faults()).containsExactly(
        Faults.terminatePlatform().when(Triggers.nthCall("model", "chat_completion", 3)).withoutRestart(),
        Faults.pausePlatform().until(Triggers.taskAwaitsApproval()),
        Faults.clockSkew(Duration.ofSeconds(-30)).lasting(Duration.ofSeconds(2)),
        Faults.slicer(dev.crashtest.env.Service.MODEL, 64, 500).upstream(),
        Faults.crm(dev.crashtest.fakes.crm.CrmFault.slow(Duration.ofSeconds(2)).on("add_note"))
            .when(Triggers.afterCrmCalls(2)).optional(),
        Faults.identity(dev.crashtest.fakes.identity.IdentityFault.tokenEndpointError(503).forRequests(2))
            .when(Triggers.atTime(Duration.ofMillis(1500))));
    assertThat(ScenarioFile.parse("again.yaml", ScenarioFile.toYaml(read)).scenario()).isEqualTo(read);
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
