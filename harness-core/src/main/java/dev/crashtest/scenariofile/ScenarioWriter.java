package dev.crashtest.scenariofile;

import dev.crashtest.scenario.Fault;
import dev.crashtest.scenario.ProcessPause;
import dev.crashtest.scenario.Scenario;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.StreamDataWriter;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;

/** Writes a scenario as a file that reads back equal: only what differs from the defaults, in a fixed order. */
final class ScenarioWriter {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  /** Written on one line: triggers, the check list, expectations, a fault's source span. */
  private static final Set<String> FLOW = Set.of("when", "until", "checks", "expect", "source");

  private ScenarioWriter() {}

  static String write(Scenario scenario) {
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("name", scenario.name());
    if (!scenario.description().isEmpty()) {
      file.put("description", scenario.description());
    }
    if (!scenario.timeout().equals(DEFAULT_TIMEOUT)) {
      file.put("timeout", Durations.format(scenario.timeout()));
    }
    if (scenario.requiresStatefulPlatform()) {
      file.put("requires", "stateful-platform");
    } else if (scenario.requiresPlatform()) {
      file.put("requires", "platform");
    }
    if (scenario.isExperimental()) {
      file.put("experimental", true);
    }
    if (scenario.resubmitsAfterRestart()) {
      file.put("resubmit-after-restart", true);
    }
    scenario.handoffFrom().ifPresent(agent -> file.put("handoff-from", agent));
    if (scenario.clockCompression() != 1) {
      file.put("clock-compression", scenario.clockCompression());
    }
    Map<String, Object> approval = new LinkedHashMap<>();
    if (!scenario.approvalDelay().isZero()) {
      approval.put("delay", Durations.format(scenario.approvalDelay()));
    }
    scenario.approvalWithheldFor().ifPresent(hold -> approval.put("withheld-for", Durations.format(hold)));
    if (!approval.isEmpty()) {
      file.put("approval", approval);
    }
    List<Object> checks = CheckNames.write(scenario.checks());
    if (checks != null) {
      file.put("checks", checks);
    }
    if (!scenario.expectations().isEmpty()) {
      Map<String, Object> expect = new LinkedHashMap<>();
      scenario.expectations().forEach((agent, verdict) -> expect.put(agent, verdict.name()));
      file.put("expect", expect);
    }
    if (!scenario.faults().isEmpty()) {
      List<Object> faults = new ArrayList<>();
      scenario.faults().forEach(fault -> faults.add(fault(fault)));
      file.put("faults", faults);
    }
    return dump(file);
  }

  private static Map<String, Object> fault(Fault fault) {
    Map.Entry<FaultForm, Map<String, Object>> form = FaultForms.formOf(fault);
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("fault", form.getKey().name());
    if (!TriggerForms.isDefault(fault.trigger())) {
      item.put("when", TriggerForms.write(fault.trigger()));
    }
    item.putAll(form.getValue());
    if (form.getKey().heals()) {
      fault.healAfter().filter(lasting -> !(fault instanceof ProcessPause && lasting.equals(FaultForms.PAUSE)))
          .ifPresent(lasting -> item.put("lasting", Durations.format(lasting)));
      fault.healedWhen().ifPresent(until -> item.put("until", TriggerForms.write(until)));
    }
    if (fault.isOptional()) {
      item.put("optional", true);
    }
    fault.source().ifPresent(source -> {
      Map<String, Object> span = new LinkedHashMap<>();
      span.put("trace-id", source.traceId());
      span.put("span-id", source.spanId());
      item.put("source", span);
    });
    return item;
  }

  private static String dump(Map<String, Object> file) {
    DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setWidth(100)
        .setIndent(2).setIndicatorIndent(2).setIndentWithIndicator(true).build();
    Node node = new StandardRepresenter(settings).represent(file);
    flowWhereShort(node, false);
    StringWriter out = new StringWriter();
    new Dump(settings).dumpNode(node, new StreamDataWriter() {
      @Override
      public void write(String text) {
        out.write(text);
      }

      @Override
      public void write(String text, int offset, int length) {
        out.write(text, offset, length);
      }
    });
    return out.toString();
  }

  private static void flowWhereShort(Node node, boolean flow) {
    if (node instanceof MappingNode mapping) {
      mapping.setFlowStyle(flow ? FlowStyle.FLOW : FlowStyle.BLOCK);
      List<NodeTuple> tuples = new ArrayList<>();
      for (NodeTuple tuple : mapping.getValue()) {
        // a long description reads as a paragraph: folded, no quotes to escape
        if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("description")
            && tuple.getValueNode() instanceof ScalarNode text && text.getValue().length() > 60
            && !text.getValue().contains("\n")) {
          tuple = new NodeTuple(key, new ScalarNode(Tag.STR, text.getValue(), ScalarStyle.FOLDED));
        }
        tuples.add(tuple);
      }
      mapping.setValue(tuples);
      for (NodeTuple tuple : mapping.getValue()) {
        boolean short_ = flow || tuple.getKeyNode() instanceof ScalarNode key && FLOW.contains(key.getValue());
        flowWhereShort(tuple.getValueNode(), short_);
      }
    } else if (node instanceof SequenceNode sequence) {
      sequence.setFlowStyle(flow ? FlowStyle.FLOW : FlowStyle.BLOCK);
      sequence.getValue().forEach(item -> flowWhereShort(item, flow));
    }
  }

}
