package dev.crashtest.tracereplay;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link TraceImport#writeTo} wrote, and what it read.
 *
 * @param directory the workload directory: workload.yaml, model-script.json, stubs/, scenarios/
 * @param scenario the scenario file, {@code scenarios/incident.yaml} in it
 * @param traceIds the traces of the run (a process that restarted starts a new one)
 * @param conversation the run's {@code gen_ai.conversation.id}, if it has one
 * @param processes how many agent processes the run spans
 * @param modelCalls model calls in the run, failed ones included
 * @param toolCalls tool executions in the run
 * @param tools the workload's tools
 * @param services the workload's services
 * @param answers the model answers in the script
 * @param faults one line per fault: its kind and the span it came from
 * @param todos how many things the trace could not say ({@code TODO} in the files)
 * @param credentialsRemoved credential-like values kept out of the files
 */
public record ImportedTrace(Path directory, Path scenario, List<String> traceIds, Optional<String> conversation,
    int processes, int modelCalls, int toolCalls, List<String> tools, List<String> services, int answers,
    List<String> faults, int todos, int credentialsRemoved) {}
