package dev.crashtest.fakes.crm;

import dev.crashtest.fakes.InjectedFault;
import java.util.List;

/**
 * The faults a running CRM applies to its own answers: {@link CrmServer#faults()}. Thread-safe.
 *
 * <pre>{@code
 * InjectedFault outage = crm.faults().inject(CrmFault.serverError(503).on("place_order").forRequests(2));
 * // ... the next two POST /orders answer 503, then the fault heals itself
 * crm.faults().healAll();
 * }</pre>
 *
 * <p><b>Where faults apply.</b> A request is authenticated, routed and scope-checked first: a missing token stays
 * a 401, a missing scope a 403, an unknown path a 404. Only then is a fault chosen: among the active faults whose
 * operation matches, the one injected first takes the request (one fault per request) and counts it as a hit. It
 * acts before the operation runs, idempotency replays included. The operator endpoints ({@code GET /audit}, {@code
 * /__crashtest/faults}) never see faults.
 *
 * <p>The same API is served over HTTP on the CRM's port, without authentication (an operator endpoint):
 * {@code POST /__crashtest/faults} {@code {"type":"commit_then_drop","operation":"place_order","forRequests":1}}
 * answers 201 {@code {"id","description"}}; {@code GET} lists the active faults; {@code DELETE
 * /__crashtest/faults/{id}} heals one and {@code DELETE /__crashtest/faults} heals all (204). {@link
 * CrmFault#toWire()} gives the body of a fault.
 */
public interface CrmFaults {

  /** Starts applying {@code fault} to matching requests; the handle heals it. */
  InjectedFault inject(CrmFault fault);

  /** The faults still active (not healed, requests left), oldest first. */
  List<InjectedFault> active();

  /** Heals every fault: requests from now on are answered normally. */
  void healAll();
}
