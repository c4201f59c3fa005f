package dev.crashtest.scenarios;

import dev.crashtest.scenariofile.ScenarioFile;
import dev.crashtest.scenariofile.ScenarioFileException;
import dev.crashtest.tracereplay.ImportedTrace;
import dev.crashtest.tracereplay.TraceImport;
import dev.crashtest.tracereplay.TraceImportException;
import dev.crashtest.workload.Workload;
import dev.crashtest.workload.WorkloadException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code crashtest import-trace}: an OpenTelemetry GenAI trace of a failed agent run, as a workload and a scenario
 * that fails the same way (docs/trace-replay.md).
 *
 * <pre>
 * ./crashtest import-trace incident.json --out replay --redact
 * ./crashtest run --workload replay --scenario-file replay/scenarios/incident.yaml --agent naive
 * </pre>
 */
@Command(name = "import-trace", mixinStandardHelpOptions = true,
    description = "Turns an OTLP/JSON trace of an agent run (OpenTelemetry GenAI spans) into a workload directory:"
        + " workload.yaml, the model's recorded answers (model-script.json), WireMock stubs of the services it"
        + " called, and scenarios/incident.yaml, whose faults reproduce what went wrong, each naming its span.")
final class ImportTraceCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TRACE",
      description = "The trace: OTLP/JSON as the OpenTelemetry Collector's file exporter writes it.")
  Path trace;

  @Option(names = "--out", paramLabel = "DIR",
      description = "The directory to write, new or empty (default: <trace name>-replay).")
  Path out;

  @Option(names = "--redact",
      description = "Replace every string value from the trace (prompts, goals, tool arguments and results) by a"
          + " stable placeholder, keeping the structure. Credentials are never written, with or without it.")
  boolean redact;

  @Option(names = "--conversation", paramLabel = "ID",
      description = "The run to import, by gen_ai.conversation.id, when the trace holds several.")
  String conversation;

  @Override
  public Integer call() {
    Path directory = out != null ? out : TraceImport.defaultDirectory(trace);
    TraceImport importing = TraceImport.of(trace);
    if (redact) {
      importing = importing.redacting();
    }
    if (conversation != null) {
      importing = importing.ofConversation(conversation);
    }
    ImportedTrace imported;
    try {
      imported = importing.writeTo(directory);
    } catch (TraceImportException e) {
      System.err.println("crashtest import-trace: " + e.getMessage());
      return CrashtestCli.EXIT_USAGE;
    } catch (UncheckedIOException e) {
      System.err.println("crashtest import-trace: " + e.getMessage());
      return CrashtestCli.EXIT_ENVIRONMENT;
    }
    try {
      Workload workload = Workload.read(directory);
      ScenarioFile.read(imported.scenario(), workload);
    } catch (WorkloadException | ScenarioFileException e) {
      System.err.println("crashtest import-trace: wrote " + directory + " but it does not load, which is a bug of"
          + " the importer; the files are kept for you to fix by hand: " + e.getMessage().lines().findFirst()
          .orElse(""));
      return CrashtestCli.EXIT_FAIL;
    }
    print(imported);
    return CrashtestCli.EXIT_PASS;
  }

  private static void print(ImportedTrace imported) {
    Path dir = imported.directory();
    System.out.println("Read " + String.join(", ", imported.traceIds().stream().map(id -> "trace " + id).toList())
        + imported.conversation().map(id -> " (conversation " + id + ")").orElse("") + ": "
        + imported.processes() + " agent process(es), " + imported.modelCalls() + " model call(s), "
        + imported.toolCalls() + " tool call(s).");
    System.out.println("Wrote " + dir + "/");
    System.out.println("  workload.yaml            tools " + String.join(", ", imported.tools()) + "; services "
        + String.join(", ", imported.services()));
    System.out.println("  model-script.json        " + imported.answers() + " recorded model answer(s)");
    System.out.println("  stubs/                   WireMock stubs with the recorded results");
    System.out.println("  scenarios/incident.yaml  " + (imported.faults().isEmpty() ? "no fault"
        : String.join("; ", imported.faults())));
    if (imported.todos() > 0) {
      System.out.println(imported.todos() + " thing(s) the trace could not say are marked TODO in the files:"
          + " grep -rn 'TODO:' " + dir);
    }
    if (imported.credentialsRemoved() > 0) {
      System.out.println(imported.credentialsRemoved() + " credential-like value(s) from the trace were not written.");
    }
    System.out.println("Run it: ./crashtest run --workload " + dir + " --scenario-file " + imported.scenario()
        + " --agent naive");
  }
}
