package dev.crashtest.fakes.identity;

import dev.crashtest.fakes.InjectedFault;
import java.util.List;

/**
 * The faults a running identity provider applies to its own answers: {@link IdentityProvider#faults()}.
 * Thread-safe.
 *
 * <pre>{@code
 * idp.faults().inject(IdentityFault.tokenEndpointError(503).forRequests(2));
 * // the next two token requests answer 503 {"error":"temporarily_unavailable", ...}, then it heals itself
 * idp.faults().healAll();
 * }</pre>
 *
 * <p>Among the active faults that affect a request, the one injected first takes it (one fault per request) and
 * counts it as a hit. A token request a fault refuses is refused before client authentication. The fault API
 * itself ({@code /__crashtest/faults}) is never affected.
 *
 * <p>The same API is served over HTTP on the provider's port, without authentication (an operator endpoint):
 * {@code POST /__crashtest/faults} {@code {"type":"token_endpoint_error","status":500,"forRequests":2}} answers 201
 * {@code {"id","description"}}; {@code GET} lists the active faults; {@code DELETE /__crashtest/faults/{id}} heals
 * one and {@code DELETE /__crashtest/faults} heals all (204). {@link IdentityFault#toWire()} gives the body of a
 * fault.
 */
public interface IdentityFaults {

  /** Starts applying {@code fault}; the handle heals it. */
  InjectedFault inject(IdentityFault fault);

  /** The faults still active (not healed, requests left), oldest first. */
  List<InjectedFault> active();

  /** Heals every fault: requests from now on are answered normally. */
  void healAll();
}
