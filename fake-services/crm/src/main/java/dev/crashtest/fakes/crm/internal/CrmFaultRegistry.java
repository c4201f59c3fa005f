package dev.crashtest.fakes.crm.internal;

import dev.crashtest.fakes.crm.CrmFault;
import dev.crashtest.fakes.crm.CrmFaults;
import dev.crashtest.fakes.faults.CountedFault;
import dev.crashtest.fakes.faults.FaultRegistry;
import java.util.Optional;

/**
 * The CRM's injected faults, in injection order: the shared {@link FaultRegistry}, where a fault takes a request
 * when it has no operation or the request's. Thread-safe: a fault limited to n requests takes exactly n, however
 * many requests race for it.
 *
 * <pre>{@code
 * CrmFaultRegistry faults = new CrmFaultRegistry();
 * faults.inject(CrmFault.conflict().forRequests(1));
 * faults.claim("place_order");   // Optional[f-1], then empty
 * }</pre>
 */
public final class CrmFaultRegistry extends FaultRegistry<CrmFault> implements CrmFaults {

  public CrmFaultRegistry() {
    super("CrmFaults", CrmFault::requestLimit, CrmFault::describe);
  }

  /** The first-injected active fault that takes a request of {@code operation}, counted as a hit. */
  Optional<CountedFault<CrmFault>> claim(String operation) {
    return claim(fault -> fault.operation().isEmpty() || fault.operation().get().equals(operation));
  }
}
