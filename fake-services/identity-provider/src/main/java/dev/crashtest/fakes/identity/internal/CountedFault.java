package dev.crashtest.fakes.identity.internal;

import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.identity.IdentityFault;
import java.util.concurrent.atomic.AtomicInteger;

/** One injected {@link IdentityFault}: counts its hits, heals itself after its request limit, or when told. */
public final class CountedFault implements InjectedFault {
  private final String id;
  private final IdentityFault fault;
  private final int limit;
  private final AtomicInteger hits = new AtomicInteger();
  private volatile boolean healed;

  CountedFault(String id, IdentityFault fault) {
    this.id = id;
    this.fault = fault;
    this.limit = fault.requestLimit().orElse(0);
  }

  public IdentityFault fault() {
    return fault;
  }

  /** Takes one request if the fault affects it and has requests left; at most {@code limit} calls succeed. */
  boolean tryHit(boolean tokenRequest) {
    if (!tokenRequest && !fault.affectsEveryEndpoint()) {
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
