package dev.crashtest.fakes.crm.internal;

import dev.crashtest.fakes.crm.CrmFault;
import dev.crashtest.fakes.faults.CountedFault;
import java.util.Map;

/** The answers of faults that refuse a request before the operation runs: server_error and conflict. */
final class FaultAnswers {
  private FaultAnswers() {}

  /** Whether the fault answers in place of the operation, which then never runs. */
  static boolean refuses(CrmFault fault) {
    return fault.type() == CrmFault.Type.SERVER_ERROR || fault.type() == CrmFault.Type.CONFLICT;
  }

  static Response refusal(CountedFault<CrmFault> fault, String operation) {
    String code = fault.fault().type() == CrmFault.Type.CONFLICT ? "conflict" : "server_error";
    String message = "the CRM refused [" + operation + "] before changing anything (injected fault ["
        + fault.id() + "]: " + fault.description() + ")";
    return Response.error(fault.fault().status(), code, message, Map.of());
  }
}
