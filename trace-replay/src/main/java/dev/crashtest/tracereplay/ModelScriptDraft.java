package dev.crashtest.tracereplay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crashtest.tracereplay.AgentRun.AskedTool;
import dev.crashtest.tracereplay.AgentRun.ModelCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model's recorded answers as a script of the scripted model endpoint (docs/workloads.md, "The model script"):
 * one rule per answer, keyed on the last tool result the model had seen, so an agent that resumes mid-run gets the
 * answer the model gave at that point. The first answer recorded for a point wins; a different later one is named
 * in the description. After a tool whose answer the trace never recorded (the run stopped there) the script ends
 * the task, in a rule named TODO.
 */
final class ModelScriptDraft {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  final ObjectNode script = NODES.objectNode();
  int answers;
  int todos;

  ModelScriptDraft(AgentRun run, String name, Redactor redactor) {
    List<String> notes = new ArrayList<>();
    script.put("name", name);
    ArrayNode rules = NODES.arrayNode();
    ObjectNode stop = rules.addObject();
    stop.put("name", "stop on a tool error");
    stop.putObject("when").put("lastRole", "tool").put("lastToolResultMatches", "^\\s*\\{\\s*\"error\"\\s*:");
    stop.putObject("then").put("content", "I could not finish the task: the tool ${last.tool} failed.");
    Map<String, ModelCall> byPoint = new LinkedHashMap<>();
    for (ModelCall call : run.modelCalls) {
      if (call.failed()) {
        continue;
      }
      String point = call.lastToolResult().orElse("");
      ModelCall first = byPoint.putIfAbsent(point, call);
      if (first != null && !sameAnswer(first, call)) {
        notes.add("after " + (point.isEmpty() ? "the goal" : point) + " the model answered differently in "
            + call.span().reference() + " than in " + first.span().reference() + "; the first is kept");
      }
    }
    for (Map.Entry<String, ModelCall> entry : byPoint.entrySet()) {
      ModelCall call = entry.getValue();
      ObjectNode rule = rules.addObject();
      rule.put("name", "answer " + (++answers) + ", recorded in " + call.span().reference());
      ObjectNode when = rule.putObject("when");
      if (entry.getKey().isEmpty()) {
        when.putNull("lastToolResult");
      } else {
        when.put("lastToolResult", entry.getKey());
      }
      ObjectNode then = rule.putObject("then");
      if (!call.asked().isEmpty()) {
        ArrayNode toolCalls = then.putArray("toolCalls");
        for (AskedTool asked : call.asked()) {
          ObjectNode toolCall = toolCalls.addObject();
          toolCall.put("name", asked.name());
          toolCall.set("arguments", redactor.json(asked.arguments()));
        }
      } else {
        then.put("content", redactor.text(call.text().orElse("")));
      }
    }
    for (String tool : run.toolNames()) {
      if (!byPoint.containsKey(tool)) {
        ObjectNode rule = rules.addObject();
        rule.put("name", "TODO: the trace has no model answer after " + tool + " (the run stopped there); this"
            + " rule ends the task: write what the model answers next");
        rule.putObject("when").put("lastToolResult", tool);
        rule.putObject("then").put("content", "Done (the recorded run ends after " + tool + ").");
        todos++;
      }
    }
    Optional<String> traceIds = Optional.of(String.join(", ", run.spans.stream().map(TraceSpan::traceId).distinct()
        .toList()));
    script.put("description", "The model's answers recorded in " + run.file.getFileName() + " (trace "
        + traceIds.get() + "), turn by turn, each keyed on the last tool result; written by ./crashtest"
        + " import-trace." + (notes.isEmpty() ? "" : " TODO: " + String.join("; ", notes) + "."));
    todos += notes.size();
    script.set("rules", rules);
  }

  private static boolean sameAnswer(ModelCall a, ModelCall b) {
    if (a.asked().size() != b.asked().size() || !a.text().equals(b.text())) {
      return false;
    }
    for (int i = 0; i < a.asked().size(); i++) {
      if (!a.asked().get(i).name().equals(b.asked().get(i).name())) {
        return false;
      }
    }
    return true;
  }
}
