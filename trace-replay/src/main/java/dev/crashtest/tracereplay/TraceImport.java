package dev.crashtest.tracereplay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns an OpenTelemetry GenAI trace of an agent run (OTLP/JSON) into files Crashtest runs: a workload (the tools,
 * the services as WireMock stubs, the model's recorded answers as a script) and a scenario whose faults reproduce
 * what the trace shows went wrong, each with the span it came from.
 *
 * <pre>{@code
 * ImportedTrace imported = TraceImport.of(Path.of("incident.json")).redacting().writeTo(Path.of("replay"));
 * imported.scenario();   // replay/scenarios/incident.yaml
 * }</pre>
 */
public final class TraceImport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path trace;
  private final boolean redact;
  private final Optional<String> conversation;

  private TraceImport(Path trace, boolean redact, Optional<String> conversation) {
    this.trace = Objects.requireNonNull(trace, "trace");
    this.redact = redact;
    this.conversation = conversation;
  }

  /** An import of the OTLP/JSON file {@code trace}. */
  public static TraceImport of(Path trace) {
    return new TraceImport(trace, false, Optional.empty());
  }

  /** The same import, replacing every string value from the trace by a stable placeholder. */
  public TraceImport redacting() {
    return new TraceImport(trace, true, conversation);
  }

  /** The same import, of the run whose {@code gen_ai.conversation.id} is {@code id}. */
  public TraceImport ofConversation(String id) {
    return new TraceImport(trace, redact, Optional.of(id));
  }

  /**
   * Reads the trace and writes the files into {@code directory}, which must not exist or be empty. Either every file
   * is written or none is.
   *
   * @throws TraceImportException when the trace cannot be imported (one line: the file, the line, what is missing)
   *     or the directory is not empty
   */
  public ImportedTrace writeTo(Path directory) {
    List<TraceSpan> spans = OtlpTraceFile.read(trace);
    AgentRun run = AgentRun.of(trace, spans, conversation);
    checkEmpty(directory);
    Redactor redactor = new Redactor(redact);
    String name = nameOf(trace);
    WorkloadDraft workload = new WorkloadDraft(run, name, redactor);
    ModelScriptDraft script = new ModelScriptDraft(run, name, redactor);
    ScenarioDraft scenario = new ScenarioDraft(run, "trace-" + name, redactor);
    Map<String, JsonNode> stubs = workload.stubs();
    String workloadDescription = "The agent run recorded in " + trace.getFileName() + ", replayed: its tools,"
        + " services and model answers as the trace shows them.";
    Path parent = directory.toAbsolutePath().getParent();
    Path staging;
    try {
      Files.createDirectories(parent);
      staging = Files.createTempDirectory(parent, "." + directory.getFileName() + "-import-");
    } catch (IOException e) {
      throw new TraceImportException(directory + ": cannot create it: " + e.getMessage(), e);
    }
    try {
      write(staging.resolve("workload.yaml"), workload.yaml(workloadDescription));
      write(staging.resolve("model-script.json"), JSON.writeValueAsString(script.script) + "\n");
      for (Map.Entry<String, JsonNode> stub : stubs.entrySet()) {
        write(staging.resolve(stub.getKey()), JSON.writeValueAsString(stub.getValue()) + "\n");
      }
      write(staging.resolve("scenarios").resolve("incident.yaml"), scenario.yaml());
      if (Files.exists(directory)) {
        Files.delete(directory);
      }
      Files.move(staging, directory);
    } catch (IOException e) {
      deleteQuietly(staging);
      throw new UncheckedIOException("could not write the import into " + directory + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteQuietly(staging);
      throw e;
    }
    List<String> faults = new ArrayList<>();
    scenario.faults.forEach(fault -> faults.add(fault.summary() + " from span " + fault.source().spanId()));
    return new ImportedTrace(directory, directory.resolve("scenarios").resolve("incident.yaml"),
        run.spans.stream().map(TraceSpan::traceId).distinct().toList(), run.conversation,
        run.processes.size(), run.modelCalls.size(), run.toolCalls.size(), workload.tools.stream()
            .map(WorkloadDraft.Tool::name).toList(), List.copyOf(workload.services), script.answers,
        List.copyOf(faults), workload.todos + script.todos + scenario.todos(), redactor.credentialsRemoved());
  }

  private static void checkEmpty(Path directory) {
    if (Files.isRegularFile(directory)) {
      throw new TraceImportException(directory + ": is a file; --out takes a directory to create");
    }
    if (Files.isDirectory(directory)) {
      try (Stream<Path> entries = Files.list(directory)) {
        if (entries.findAny().isPresent()) {
          throw new TraceImportException(directory + ": not empty; import into a new directory (nothing there is"
              + " overwritten)");
        }
      } catch (IOException e) {
        throw new TraceImportException(directory + ": cannot read it: " + e.getMessage(), e);
      }
    }
  }

  /** Where {@code import-trace} writes when not told: {@code <trace name>-replay} in the working directory. */
  public static Path defaultDirectory(Path trace) {
    return Path.of(nameOf(trace) + "-replay");
  }

  /** The file name without its extensions, as lower-case words joined by '-'. */
  static String nameOf(Path trace) {
    String file = trace.getFileName().toString().replaceFirst("(\\.otlp)?\\.jsonl?$", "");
    String name = file.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return name.isEmpty() ? "trace" : name;
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static void deleteQuietly(Path directory) {
    try (Stream<Path> walk = Files.walk(directory)) {
      walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a staging directory beside the output, named .<out>-import-*
    }
  }
}
