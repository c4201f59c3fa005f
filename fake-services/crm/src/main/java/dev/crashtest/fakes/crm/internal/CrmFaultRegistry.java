package dev.crashtest.fakes.crm.internal;

import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.crm.CrmFault;
import dev.crashtest.fakes.crm.CrmFaults;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The CRM's injected faults, in injection order. Healed and used-up faults are dropped lazily. Thread-safe: a
 * fault limited to n requests takes exactly n, however many requests race for it.
 *
 * <pre>{@code
 * CrmFaultRegistry faults = new CrmFaultRegistry();
 * faults.inject(CrmFault.conflict().forRequests(1));
 * faults.claim("place_order");   // Optional[f-1], then empty
 * }</pre>
 */
public final class CrmFaultRegistry implements CrmFaults {
  private final List<CountedFault> faults = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();

  @Override
  public InjectedFault inject(CrmFault fault) {
    Objects.requireNonNull(fault, "fault");
    CountedFault injected = new CountedFault("f-" + ids.incrementAndGet(), fault);
    faults.add(injected);
    return injected;
  }

  @Override
  public List<InjectedFault> active() {
    return List.copyOf(activeFaults());
  }

  @Override
  public void healAll() {
    faults.forEach(CountedFault::heal);
    faults.clear();
  }

  /** The active faults with their types, oldest first. */
  List<CountedFault> activeFaults() {
    faults.removeIf(fault -> !fault.active());
    return faults.stream().filter(CountedFault::active).toList();
  }

  /** Heals the active fault with this id; false if there is none. */
  boolean heal(String id) {
    Optional<CountedFault> fault = activeFaults().stream().filter(f -> f.id().equals(id)).findFirst();
    fault.ifPresent(CountedFault::heal);
    return fault.isPresent();
  }

  /** The first-injected active fault that takes a request of {@code operation}, counted as a hit. */
  Optional<CountedFault> claim(String operation) {
    for (CountedFault fault : faults) {
      if (fault.tryHit(operation)) {
        return Optional.of(fault);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "CrmFaults" + active();
  }
}
