package dev.crashtest.tracereplay;

import java.util.List;

/**
 * The scenario a trace describes: what went wrong, as faults on the boundaries where it went wrong, each with the
 * span it came from ({@code source}) and a comment saying what the trace showed. What the trace cannot say is a
 * {@code # TODO} comment, and the value chosen instead is named in it. The evidence is read family by family
 * ({@link ModelFailures}, {@link ToolFailures}, {@link TokenFaults}, {@link ProcessStops}); this class writes the file.
 */
final class ScenarioDraft {
  final String name;
  final String description;
  final List<FaultDraft> faults;
  private final Findings findings;

  ScenarioDraft(AgentRun run, String name, Redactor redactor) {
    this.name = name;
    String traceIds = String.join(", ", run.spans.stream().map(TraceSpan::traceId).distinct().toList());
    this.description = "Imported by ./crashtest import-trace from " + run.file.getFileName() + " (trace "
        + traceIds + (run.conversation.isPresent() && !redactor.redacts()
            ? ", conversation " + redactor.scrub(run.conversation.get()) : "")
        + "): the faults below reproduce what the trace shows went wrong, on the same boundaries.";
    this.findings = new Findings(run);
    ModelFailures.infer(findings);
    ToolFailures.infer(findings);
    TokenFaults.infer(findings);
    ProcessStops.infer(findings);
    this.faults = findings.faults;
  }

  /** How many things the trace could not say, marked TODO in the file. */
  int todos() {
    return findings.todos;
  }

  /** The file's text. */
  String yaml() {
    StringBuilder out = new StringBuilder();
    out.append("# Written by ./crashtest import-trace; review every TODO, then keep it with your agent's tests.\n");
    out.append("name: ").append(Yaml.value(name)).append('\n');
    out.append("description: ").append(Yaml.value(description)).append('\n');
    for (String comment : findings.headerComments) {
      out.append(Yaml.comment("", comment));
    }
    if (findings.resubmitAfterRestart) {
      out.append("resubmit-after-restart: true\n");
    }
    findings.approvalDelayMs.ifPresent(ms -> out.append("approval:\n  delay: ").append(Findings.millis(ms)).append('\n'));
    if (faults.isEmpty()) {
      out.append(Yaml.comment("", "TODO: the trace shows nothing going wrong that a fault reproduces (no failed"
          + " model, tool or token call, no process that stopped): the run replays the model's answers only"));
      findings.todos++;
      out.append("faults: []\n");
      return out.toString();
    }
    out.append("faults:\n");
    for (FaultDraft fault : faults) {
      for (String comment : fault.comments()) {
        out.append(Yaml.comment("  ", comment));
      }
      out.append("  - fault: ").append(fault.kind()).append('\n');
      fault.fields().forEach((key, value) -> out.append("    ").append(key).append(": ").append(value).append('\n'));
      // Quoted: an id of digits only would read as a number.
      out.append("    source: {trace-id: \"").append(fault.source().traceId()).append("\", span-id: \"")
          .append(fault.source().spanId()).append("\"}\n");
    }
    return out.toString();
  }
}
