package dev.crashtest.fakes.identity.internal;

import dev.crashtest.fakes.faults.CountedFault;
import dev.crashtest.fakes.faults.FaultRegistry;
import dev.crashtest.fakes.identity.IdentityFault;
import dev.crashtest.fakes.identity.IdentityFaults;
import java.util.Optional;

/**
 * The identity provider's injected faults, in injection order: the shared {@link FaultRegistry}, where every fault
 * takes token requests and only faults that affect every endpoint take the others. Thread-safe: a fault limited to
 * n requests takes exactly n, however many requests race for it.
 *
 * <pre>{@code
 * IdentityFaultRegistry faults = new IdentityFaultRegistry();
 * faults.inject(IdentityFault.outage().forRequests(1));
 * faults.claim(false);   // Optional[f-1], then empty
 * }</pre>
 */
public final class IdentityFaultRegistry extends FaultRegistry<IdentityFault> implements IdentityFaults {

  public IdentityFaultRegistry() {
    super("IdentityFaults", IdentityFault::requestLimit, IdentityFault::describe);
  }

  /** The first-injected active fault that takes this request (a token request or another), counted as a hit. */
  Optional<CountedFault<IdentityFault>> claim(boolean tokenRequest) {
    return claim(fault -> tokenRequest || fault.affectsEveryEndpoint());
  }
}
