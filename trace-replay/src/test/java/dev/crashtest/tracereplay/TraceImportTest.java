package dev.crashtest.tracereplay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The importer on the example traces in {@code examples/traces/} (OpenTelemetry semantic conventions v1.41.0, GenAI
 * spans): what it infers from each, what it refuses, and what it never writes out.
 */
class TraceImportTest {
  static final Path TRACES = Path.of("..", "examples", "traces");

  @TempDir Path out;

  private static String scenario(ImportedTrace imported) throws IOException {
    return Files.readString(imported.scenario());
  }

  private static String everything(Path directory) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        all.append(Files.readString(file)).append('\n');
      }
    }
    return all.toString();
  }

  @Test
  void a_429_storm_becomes_a_rate_limit_after_the_quote_and_the_dead_worker_a_kill_on_the_failed_call() throws IOException {
    ImportedTrace imported = TraceImport.of(TRACES.resolve("model-429-storm.json")).writeTo(out.resolve("storm"));

    String yaml = scenario(imported);
    assertThat(yaml).contains("""
          - fault: model-rate-limited
            retry-after: 2s
            for-requests: 3
            when: {committed: crm.create_quote}
        """);
    assertThat(yaml).contains("""
          - fault: kill-agent
            when: {call: model.chat_completion, nth: 5}
            restart-after: 5s
        """);
    assertThat(yaml).as("never resubmitted: worker-b never took the task up").doesNotContain("resubmit-after-restart");
    assertThat(yaml).containsPattern("source: \\{trace-id: \"[0-9a-f]{32}\", span-id: \"[0-9a-f]{16}\"}");
    assertThat(imported.processes()).isEqualTo(1);
    assertThat(imported.modelCalls()).isEqualTo(5);
    assertThat(imported.tools()).containsExactly("get_account", "create_quote");
    assertThat(imported.services()).containsExactly("crm");
  }

  @Test
  void a_crash_between_two_tools_is_a_kill_when_the_quote_is_committed_restarted_after_the_traced_gap() throws IOException {
    String yaml = scenario(TraceImport.of(TRACES.resolve("worker-crash-between-tools.json"))
        .writeTo(out.resolve("crash")));

    assertThat(yaml).contains("""
          - fault: kill-agent
            when: {committed: crm.create_quote}
            restart-after: 3s
        """).contains("# process worker-b started 3s later").doesNotContain("resubmit-after-restart");
  }

  @Test
  void a_second_process_starting_over_is_a_redelivered_task_and_the_repeated_order_is_named() throws IOException {
    ImportedTrace imported = TraceImport.of(TRACES.resolve("duplicate-write-after-retry.json"))
        .writeTo(out.resolve("duplicate"));

    String yaml = scenario(imported);
    assertThat(yaml).contains("resubmit-after-restart: true").contains("""
          - fault: kill-agent
            when: {committed: crm.place_order}
            restart-after: 2s
        """).containsPattern("# the trace shows place_order succeed 2 times");
    assertThat(imported.processes()).isEqualTo(2);
    assertThat(imported.traceIds()).hasSize(2);
    String workload = Files.readString(imported.directory().resolve("workload.yaml"));
    assertThat(workload).as("the order effect, after the gate")
        .contains("effect: {type: \"place_order\", id: \"orderId\", key: \"quote_id\", approval: true}")
        .contains("gate: true").contains("path: \"/orders\"");
  }

  @Test
  void an_expired_token_is_a_short_lifetime_over_a_shortened_gate_and_the_failed_refresh_an_optional_idp_error()
      throws IOException {
    String yaml = scenario(TraceImport.of(TRACES.resolve("token-expired-mid-run.json")).writeTo(out.resolve("token")));

    assertThat(yaml).contains("approval:\n  delay: 3s\n").contains("""
          - fault: short-token-lifetime
            lifetime: 2s
        """).contains("""
          - fault: identity-token-error
            status: 503
            for-requests: 1
            when: {call: crm.place_order}
            optional: true
        """).contains("""
          - fault: kill-agent
            when: {call: crm.place_order}
            restart-after: 4s
        """);
  }

  @Test
  void the_model_script_replays_each_recorded_answer_keyed_on_the_last_tool_and_ends_where_the_trace_does()
      throws IOException {
    ImportedTrace imported = TraceImport.of(TRACES.resolve("worker-crash-between-tools.json"))
        .writeTo(out.resolve("script"));

    JsonNode script = new ObjectMapper().readTree(imported.directory().resolve("model-script.json").toFile());
    JsonNode rules = script.get("rules");
    assertThat(rules.get(1).get("when").get("lastToolResult").isNull()).isTrue();
    assertThat(rules.get(1).get("then").get("toolCalls").get(0).get("name").asText()).isEqualTo("get_account");
    assertThat(rules.get(2).get("when").get("lastToolResult").asText()).isEqualTo("get_account");
    assertThat(rules.get(2).get("then").get("toolCalls").get(0).get("arguments").get("quantity").asInt())
        .isEqualTo(20);
    assertThat(rules.get(3).get("name").asText()).startsWith("TODO: the trace has no model answer after create_quote");
    JsonNode stub = new ObjectMapper().readTree(imported.directory().resolve("stubs/crm/create_quote.json").toFile());
    assertThat(stub.get("request").get("urlPath").asText()).isEqualTo("/quotes");
    assertThat(stub.get("response").get("status").asInt()).isEqualTo(201);
    assertThat(stub.get("response").get("jsonBody").get("quoteId").asText()).isEqualTo("Q-7731");
  }

  @Test
  void credentials_never_leave_the_trace_and_redaction_keeps_ids_consistent_across_files() throws IOException {
    ImportedTrace plain = TraceImport.of(TRACES.resolve("token-expired-mid-run.json")).writeTo(out.resolve("plain"));
    String plainText = everything(plain.directory());
    assertThat(plainText).doesNotContain("eyJhbGciOiJSUzI1NiJ9").doesNotContainIgnoringCase("bearer ");
    assertThat(plainText).as("without --redact the data stays").contains("GLOBEX-002");

    ImportedTrace redacted = TraceImport.of(TRACES.resolve("duplicate-write-after-retry.json")).redacting()
        .writeTo(out.resolve("redacted"));
    String text = everything(redacted.directory());
    for (String personal : List.of("GLOBEX-002", "Globex", "maria.lopez@acme.example", "LAPTOP-14", "Q-7731",
        "O-5512", "Buy 20 units")) {
      assertThat(text).as("redacted output").doesNotContain(personal);
    }
    JsonNode quote = new ObjectMapper().readTree(redacted.directory().resolve("stubs/crm/create_quote.json").toFile());
    String quoteId = quote.get("response").get("jsonBody").get("quoteId").asText();
    assertThat(quoteId).startsWith("redacted-");
    assertThat(quote.get("response").get("jsonBody").get("quantity").asInt()).as("numbers kept").isEqualTo(20);
    JsonNode script = new ObjectMapper().readTree(redacted.directory().resolve("model-script.json").toFile());
    assertThat(script.toString()).as("the model passes on the quote id the stub returns")
        .contains("\"quote_id\":\"" + quoteId + "\"");
  }

  @Test
  void json_lines_as_the_collector_writes_them_read_like_one_object() throws IOException {
    JsonNode whole = new ObjectMapper().readTree(TRACES.resolve("worker-crash-between-tools.json").toFile());
    StringBuilder lines = new StringBuilder();
    for (JsonNode resourceSpans : whole.get("resourceSpans")) {
      lines.append("{\"resourceSpans\":[").append(resourceSpans).append("]}\n");
    }
    Path jsonl = Files.writeString(Files.createDirectories(out.resolve("lines-in"))
        .resolve("worker-crash-between-tools.jsonl"), lines);

    String fromLines = scenario(TraceImport.of(jsonl).writeTo(out.resolve("lines")));
    String fromObject = scenario(TraceImport.of(TRACES.resolve("worker-crash-between-tools.json"))
        .writeTo(out.resolve("object")));
    assertThat(fromLines.replace(".jsonl", ".json")).isEqualTo(fromObject);
  }

  @Test
  void bad_traces_say_in_one_line_what_is_missing_and_write_nothing() {
    Path target = out.resolve("never");
    assertThatThrownBy(() -> TraceImport.of(TRACES.resolve("bad-not-otlp.json")).writeTo(target))
        .isInstanceOf(TraceImportException.class)
        .hasMessageEndingWith("bad-not-otlp.json:1: a JSON array, not an OTLP/JSON trace export (an object with"
            + " \"resourceSpans\"); Zipkin or Jaeger JSON is not read: export OTLP with the Collector's file exporter");
    assertThatThrownBy(() -> TraceImport.of(TRACES.resolve("bad-no-genai.json")).writeTo(target))
        .isInstanceOf(TraceImportException.class)
        .hasMessageContaining("bad-no-genai.json: no GenAI spans: none of its 3 span(s) has gen_ai.operation.name");
    assertThatThrownBy(() -> TraceImport.of(TRACES.resolve("bad-truncated.json")).writeTo(target))
        .isInstanceOf(TraceImportException.class)
        .hasMessageContaining("bad-truncated.json:")
        .hasMessageContaining("the JSON ends before it is complete: the file is truncated");
    assertThatThrownBy(() -> TraceImport.of(TRACES.resolve("no-such.json")).writeTo(target))
        .isInstanceOf(TraceImportException.class).hasMessageEndingWith("no-such.json: no such file");
    assertThat(target).doesNotExist();
    for (Throwable e : List.of(catchFor("bad-not-otlp.json", target), catchFor("bad-truncated.json", target))) {
      assertThat(e.getMessage()).as("one line").doesNotContain("\n");
    }
  }

  @Test
  void a_non_empty_output_directory_is_refused_and_kept() throws IOException {
    Path existing = Files.createDirectories(out.resolve("mine"));
    Files.writeString(existing.resolve("notes.txt"), "keep me");

    assertThatThrownBy(() -> TraceImport.of(TRACES.resolve("model-429-storm.json")).writeTo(existing))
        .isInstanceOf(TraceImportException.class).hasMessageEndingWith("mine: not empty; import into a new directory"
            + " (nothing there is overwritten)");
    assertThat(existing.resolve("notes.txt")).hasContent("keep me");
  }

  @Test
  void a_trace_without_recorded_messages_names_the_content_capture_setting() throws IOException {
    String stripped = Files.readString(TRACES.resolve("worker-crash-between-tools.json"))
        .replace("gen_ai.output.messages", "gen_ai.output.not_captured");
    Path file = Files.writeString(out.resolve("no-content.json"), stripped);

    assertThatThrownBy(() -> TraceImport.of(file).writeTo(out.resolve("x")))
        .isInstanceOf(TraceImportException.class)
        .hasMessageContaining("no model answer recorded: no chat span of the run has gen_ai.output.messages")
        .hasMessageContaining("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true");
  }

  @Test
  void a_trace_of_several_runs_asks_which_one_and_imports_the_one_named() throws IOException {
    String twoRuns = Files.readString(TRACES.resolve("duplicate-write-after-retry.json"))
        .replaceFirst("task-7f3a9c21", "task-other-run");
    Path file = Files.writeString(out.resolve("two-runs.json"), twoRuns);

    assertThatThrownBy(() -> TraceImport.of(file).writeTo(out.resolve("x")))
        .isInstanceOf(TraceImportException.class)
        .hasMessageEndingWith("two-runs.json: 2 agent runs (gen_ai.conversation.id task-7f3a9c21, task-other-run);"
            + " choose one with --conversation ID");
    assertThatThrownBy(() -> TraceImport.of(file).ofConversation("task-nope").writeTo(out.resolve("x")))
        .isInstanceOf(TraceImportException.class)
        .hasMessageEndingWith("no GenAI span has gen_ai.conversation.id [task-nope]; the trace has task-7f3a9c21,"
            + " task-other-run");
    ImportedTrace chosen = TraceImport.of(file).ofConversation("task-7f3a9c21").writeTo(out.resolve("chosen"));
    assertThat(chosen.conversation()).contains("task-7f3a9c21");
    assertThat(Files.readString(chosen.scenario())).contains("fault: kill-agent");
  }

  @Test
  void a_service_call_attached_to_the_agent_span_instead_of_its_tool_is_still_the_tool_s_call() throws IOException {
    JsonNode trace = new ObjectMapper().readTree(TRACES.resolve("worker-crash-between-tools.json").toFile());
    java.util.Map<String, String> parentOf = new java.util.HashMap<>();
    for (JsonNode span : trace.get("resourceSpans").get(0).get("scopeSpans").get(0).get("spans")) {
      parentOf.put(span.get("spanId").asText(), span.get("parentSpanId").asText());
    }
    int detached = 0;
    for (JsonNode span : trace.get("resourceSpans").get(0).get("scopeSpans").get(0).get("spans")) {
      boolean httpUnderTool = span.toString().contains("http.request.method")
          && !span.toString().contains("/oauth2/token");
      if (httpUnderTool) {
        String tool = span.get("parentSpanId").asText();
        ((com.fasterxml.jackson.databind.node.ObjectNode) span).put("parentSpanId", parentOf.get(tool));
        detached++;
      }
    }
    assertThat(detached).as("service calls moved from under their tool to the agent's span").isEqualTo(2);
    Path file = Files.writeString(out.resolve("detached.json"), trace.toString());

    String workload = Files.readString(TraceImport.of(file).writeTo(out.resolve("detached-out")).directory()
        .resolve("workload.yaml"));
    assertThat(workload).contains("http: {method: GET, path: \"/accounts/{account_id}\"}")
        .contains("http: {method: POST, path: \"/quotes\"");
  }

  private static Throwable catchFor(String file, Path target) {
    try {
      TraceImport.of(TRACES.resolve(file)).writeTo(target);
      return new AssertionError("no exception for " + file);
    } catch (TraceImportException e) {
      return e;
    }
  }
}
