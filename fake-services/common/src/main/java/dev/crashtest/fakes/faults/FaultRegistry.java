package dev.crashtest.fakes.faults;

import dev.crashtest.fakes.InjectedFault;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The fakes' shared fault bookkeeping: one fake's injected faults, in injection order, with ids {@code f-1, f-2,
 * …}. Healed and used-up faults are dropped lazily. Thread-safe: a fault limited to n requests takes exactly n,
 * however many requests race for it. Public only because several fake modules use it; it is not part of any fake's
 * API. A fake extends it once, adding its own {@code …Faults} interface and how a request picks its faults.
 *
 * <pre>{@code
 * public final class CrmFaultRegistry extends FaultRegistry<CrmFault> implements CrmFaults {
 *   public CrmFaultRegistry() {
 *     super("CrmFaults", CrmFault::requestLimit, CrmFault::describe);
 *   }
 * }
 * registry.inject(CrmFault.conflict().forRequests(1));
 * registry.claim(fault -> true);   // Optional[f-1], then empty
 * }</pre>
 *
 * @param <F> the fake's fault type, e.g. {@code CrmFault}
 */
public class FaultRegistry<F> {
  private final String name;
  private final Function<? super F, OptionalInt> requestLimit;
  private final Function<? super F, String> describe;
  private final List<CountedFault<F>> faults = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();

  /**
   * @param name how {@link #toString()} names the registry, e.g. {@code CrmFaults}
   * @param requestLimit how many requests a fault takes before it heals itself; empty means until healed
   * @param describe how a fault reads to a human
   */
  public FaultRegistry(String name, Function<? super F, OptionalInt> requestLimit,
      Function<? super F, String> describe) {
    this.name = Objects.requireNonNull(name, "name");
    this.requestLimit = Objects.requireNonNull(requestLimit, "requestLimit");
    this.describe = Objects.requireNonNull(describe, "describe");
  }

  /** Starts applying {@code fault}; the handle heals it. */
  public InjectedFault inject(F fault) {
    Objects.requireNonNull(fault, "fault");
    CountedFault<F> injected = new CountedFault<>("f-" + ids.incrementAndGet(), fault, describe.apply(fault),
        requestLimit.apply(fault).orElse(0));
    faults.add(injected);
    return injected;
  }

  /** The faults still active (not healed, requests left), oldest first. */
  public List<InjectedFault> active() {
    return List.copyOf(activeFaults());
  }

  /** Heals every fault: requests from now on are answered normally. */
  public void healAll() {
    faults.forEach(CountedFault::heal);
    faults.clear();
  }

  /** The active faults with their types, oldest first. */
  public List<CountedFault<F>> activeFaults() {
    faults.removeIf(fault -> !fault.active());
    return faults.stream().filter(CountedFault::active).toList();
  }

  /** Heals the active fault with this id; false if there is none. */
  public boolean heal(String id) {
    Optional<CountedFault<F>> fault = activeFaults().stream().filter(f -> f.id().equals(id)).findFirst();
    fault.ifPresent(CountedFault::heal);
    return fault.isPresent();
  }

  /** The first-injected active fault that {@code affects} the request and takes it, counted as a hit. */
  public Optional<CountedFault<F>> claim(Predicate<? super F> affects) {
    for (CountedFault<F> fault : faults) {
      if (fault.tryHit(affects)) {
        return Optional.of(fault);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return name + active();
  }
}
