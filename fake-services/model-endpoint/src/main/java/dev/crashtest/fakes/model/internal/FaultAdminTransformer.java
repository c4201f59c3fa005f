package dev.crashtest.fakes.model.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.crashtest.fakes.InjectedFault;

/**
 * The fault admin API, for a model endpoint running in its own process or container:
 * {@code POST /__crashtest/faults} injects ({@code 201 {"id", "type", "description"}}),
 * {@code GET /__crashtest/faults} lists the active ones, {@code DELETE /__crashtest/faults/{id}} heals one and
 * {@code DELETE /__crashtest/faults} heals all ({@code 204}). A bad request gets
 * {@code 400 {"error": "invalid_fault", "field", "message"}} with a one-line message listing the known types.
 *
 * <pre>{@code
 * curl -X POST localhost:41001/__crashtest/faults -d '{"type": "rate_limited", "retryAfterSeconds": 2, "forRequests": 3}'
 * }</pre>
 */
final class FaultAdminTransformer extends AdminCollectionTransformer {
  static final String NAME = "crashtest-fault-admin";
  static final String PATH = "/__crashtest/faults";

  private final FaultBook faults;

  FaultAdminTransformer(FaultBook faults) {
    super(NAME, PATH, "unknown_fault", faults);
    this.faults = faults;
  }

  @Override
  ResponseDefinition add(String body, ResponseDefinitionBuilder response) {
    try {
      FaultPlan plan = FaultTypes.parse(Json.tryParse(body).orElse(null));
      return json(response, 201, describe(faults.inject(plan)));
    } catch (InvalidFaultException e) {
      return error(response, 400, "invalid_fault", e.field(), e.getMessage() + "; " + FaultTypes.known());
    }
  }

  @Override
  ObjectNode describe(InjectedFault fault) {
    return Json.object().put("id", fault.id()).put("type", FaultBook.type(fault))
        .put("description", fault.description());
  }

  @Override
  String noun() {
    return "fault";
  }

  @Override
  String goneNote() {
    return " (a healed or used-up fault is gone)";
  }
}
