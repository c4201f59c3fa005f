package dev.crashtest.scenario;

import static dev.crashtest.history.Vocabulary.CRM;

import dev.crashtest.fakes.crm.CrmFault;
import dev.crashtest.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a scenario can run on a workload: every moment its faults wait for is one the workload's run can reach (a
 * tool it has, an operation it commits), and every service it breaks is one the workload has. A scenario written for
 * procurement's CRM does not apply to a support desk; running it there would only miss its faults.
 */
final class WorkloadFit {
  private WorkloadFit() {}

  /**
   * Why {@code scenario} was written for another workload than {@code workload}, or empty. Only a scenario that fits
   * procurement (the built-in catalogue's workload) and not {@code workload} is another workload's: a trigger that fits
   * neither is a typo, and runs, so that the fault it never fires makes the run an ERROR with the nearest miss.
   */
  static Optional<String> misfit(Scenario scenario, Workload workload) {
    if (workload.name().equals("procurement")) {
      return Optional.empty();
    }
    Optional<String> here = missing(scenario, workload);
    return here.isPresent() && missing(scenario, Workload.procurement()).isEmpty() ? here : Optional.empty();
  }

  private static Optional<String> missing(Scenario scenario, Workload workload) {
    List<String> missing = new ArrayList<>();
    for (Fault fault : scenario.faults()) {
      missing(fault.trigger(), workload).ifPresent(missing::add);
      fault.healedWhen().flatMap(until -> missing(until, workload)).ifPresent(missing::add);
      if (fault instanceof ServiceFault service && service.serviceFault() instanceof CrmFault
          && !workload.services().containsKey(CRM)) {
        missing.add("a fault of the CRM, which it does not have");
      }
      if (fault instanceof ServiceFault service && service.serviceFault() instanceof dev.crashtest.fakes.stub.StubFault
          && workload.isBuiltInServices()) {
        missing.add("a fault of stubbed services, which it does not have");
      }
    }
    return missing.isEmpty() ? Optional.empty() : Optional.of(scenario + " waits for " + String.join(" and ",
        missing.stream().distinct().toList()) + "; " + workload + " has no such moment (its tools: "
        + String.join(", ", workload.toolNames()) + ")");
  }

  private static Optional<String> missing(Trigger trigger, Workload workload) {
    if (trigger instanceof Triggers.AgentEnters enters && !workload.toolNames().contains(enters.step())) {
      return Optional.of("tool [" + enters.step() + "]");
    }
    if (trigger instanceof Triggers.Committed committed
        && !workload.committedOperations().contains(committed.service() + "." + committed.operation())) {
      return Optional.of("a commit of [" + committed.service() + "." + committed.operation() + "]");
    }
    if (trigger instanceof Triggers.NthCall call && !List.of("model", "identity").contains(call.service())
        && !workload.operations().contains(call.service() + "." + call.operation())) {
      return Optional.of("a call of [" + call.service() + "." + call.operation() + "]");
    }
    if (trigger instanceof Triggers.AfterCrmCalls && !workload.services().containsKey(CRM)) {
      return Optional.of("CRM calls");
    }
    return Optional.empty();
  }
}
