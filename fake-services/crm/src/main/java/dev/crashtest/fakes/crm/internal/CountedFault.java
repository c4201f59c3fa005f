package dev.crashtest.fakes.crm.internal;

import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.crm.CrmFault;
import java.util.concurrent.atomic.AtomicInteger;

/** One injected {@link CrmFault}: counts its hits, heals itself after its request limit, or when told. */
final class CountedFault implements InjectedFault {
  private final String id;
  private final CrmFault fault;
  private final int limit;
  private final AtomicInteger hits = new AtomicInteger();
  private volatile boolean healed;

  CountedFault(String id, CrmFault fault) {
    this.id = id;
    this.fault = fault;
    this.limit = fault.requestLimit().orElse(0);
  }

  CrmFault fault() {
    return fault;
  }

  /** Takes one request if the fault matches its operation and has requests left; at most {@code limit} succeed. */
  boolean tryHit(String operation) {
    if (fault.operation().isPresent() && !fault.operation().get().equals(operation)) {
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
    return fault.describe();
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
