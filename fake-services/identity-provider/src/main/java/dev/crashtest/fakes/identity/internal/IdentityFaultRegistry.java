package dev.crashtest.fakes.identity.internal;

import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.identity.IdentityFault;
import dev.crashtest.fakes.identity.IdentityFaults;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The identity provider's injected faults, in injection order; healed and used-up ones are dropped lazily.
 * Thread-safe: a fault limited to n requests takes exactly n, however many requests race for it.
 *
 * <pre>{@code
 * IdentityFaultRegistry faults = new IdentityFaultRegistry();
 * faults.inject(IdentityFault.outage().forRequests(1));
 * faults.claim(false);   // Optional[f-1], then empty
 * }</pre>
 */
public final class IdentityFaultRegistry implements IdentityFaults {
  private final List<CountedFault> faults = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();

  @Override
  public InjectedFault inject(IdentityFault fault) {
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

  /** The first-injected active fault that takes this request (a token request or another), counted as a hit. */
  Optional<CountedFault> claim(boolean tokenRequest) {
    for (CountedFault fault : faults) {
      if (fault.tryHit(tokenRequest)) {
        return Optional.of(fault);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "IdentityFaults" + active();
  }
}
