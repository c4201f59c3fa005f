package dev.crashtest.fakes.faults;

import dev.crashtest.fakes.InjectedFault;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * One fault a {@link FaultRegistry} handed out: the fake's own fault description {@code F}, with its hits counted.
 * It heals itself after its request limit, or when told.
 *
 * <pre>{@code
 * Optional<CountedFault<CrmFault>> claimed = registry.claim(fault -> true);
 * claimed.map(CountedFault::fault);   // the CrmFault to answer with
 * }</pre>
 *
 * @param <F> the fake's fault type, e.g. {@code CrmFault}
 */
public final class CountedFault<F> implements InjectedFault {
  private final String id;
  private final F fault;
  private final String description;
  private final int limit;
  private final AtomicInteger hits = new AtomicInteger();
  private volatile boolean healed;

  /** {@code limit} 0 means until healed. */
  CountedFault(String id, F fault, String description, int limit) {
    this.id = id;
    this.fault = fault;
    this.description = description;
    this.limit = limit;
  }

  /** What the fake should do to the request this fault took. */
  public F fault() {
    return fault;
  }

  /** Takes one request if the fault affects it and has requests left; at most {@code limit} calls succeed. */
  boolean tryHit(Predicate<? super F> affects) {
    if (!affects.test(fault)) {
      return false;
    }
    while (true) {
      int current = hits.get();
      if (healed || (limit > 0 && current >= limit)) {
        return false;
      }
      if (hits.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public boolean active() {
    return !healed && (limit == 0 || hits.get() < limit);
  }

  @Override
  public int hits() {
    return hits.get();
  }

  @Override
  public void heal() {
    healed = true;
  }

  @Override
  public String toString() {
    return "InjectedFault[" + id + ": " + description() + ", hits " + hits() + (active() ? "" : ", healed") + "]";
  }
}
