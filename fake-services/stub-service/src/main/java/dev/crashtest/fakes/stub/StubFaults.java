package dev.crashtest.fakes.stub;

import dev.crashtest.fakes.InjectedFault;
import java.util.List;

/**
 * The faults a {@link StubServer} applies to its own HTTP answers, as the CRM's {@code CrmFaults} do.
 *
 * <pre>{@code
 * InjectedFault outage = stubs.faults().inject(StubFault.serverError(503).on("create_refund").forRequests(2));
 * stubs.faults().healAll();
 * }</pre>
 *
 * <p><b>Where faults apply.</b> A request is authenticated and scope-checked first (a 401 stays a 401); then, among
 * the active faults whose operation matches, the one injected first takes it, before the stub answers (idempotency
 * replays included). Served over HTTP too, on the server's port: {@code POST /__crashtest/faults} with {@link
 * StubFault#toWire()} answers 201 {@code {"id","description"}}; {@code GET} lists; {@code DELETE
 * /__crashtest/faults/{id}} heals one and {@code DELETE /__crashtest/faults} all.
 */
public interface StubFaults {

  /**
   * Starts applying {@code fault} to matching requests; the handle heals it.
   *
   * @throws IllegalArgumentException if the fault names an operation the server was not configured with
   */
  InjectedFault inject(StubFault fault);

  /** The faults still active (not healed, requests left), oldest first. */
  List<InjectedFault> active();

  /** Heals every fault: requests from now on are answered normally. */
  void healAll();
}
