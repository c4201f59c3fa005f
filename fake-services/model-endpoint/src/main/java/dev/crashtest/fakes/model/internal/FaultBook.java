package dev.crashtest.fakes.model.internal;

import dev.crashtest.fakes.InjectedFault;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The faults active on one model endpoint, in the order they were injected. For each chat completion the
 * script answered, the first active fault that affects it changes the answer and counts a hit; a fault
 * limited to n requests heals itself after its n-th hit. Thread-safe: one lock guards every fault's state, so
 * a fault for n requests affects exactly n even under concurrent requests.
 *
 * <pre>{@code
 * FaultBook book = new FaultBook();
 * InjectedFault fault = book.inject(FaultPlan.of(new OverloadedFault(), 2, Optional.empty()));
 * }</pre>
 */
public final class FaultBook implements ActiveFaults {
  private final ToolRenames renames = new ToolRenames();

  /** The tools the model knows under a new name. */
  public ToolRenames renames() {
    return renames;
  }

  private final Object lock = new Object();
  private final List<Active> faults = new ArrayList<>();
  private int injected;

  public InjectedFault inject(FaultPlan plan) {
    synchronized (lock) {
      Active fault = new Active("f-" + (++injected), plan);
      faults.add(fault);
      return fault;
    }
  }

  /** The active faults, first injected first. */
  @Override
  public List<InjectedFault> active() {
    synchronized (lock) {
      return List.copyOf(faults);
    }
  }

  /** The active fault with this id, if any. */
  @Override
  public Optional<InjectedFault> find(String id) {
    synchronized (lock) {
      return faults.stream().filter(fault -> fault.id.equals(id)).<InjectedFault>map(fault -> fault).findFirst();
    }
  }

  /** The admin API's {@code type} of a fault this book handed out. */
  static String type(InjectedFault fault) {
    return ((Active) fault).plan.kind().name();
  }

  @Override
  public void healAll() {
    synchronized (lock) {
      faults.forEach(fault -> fault.healed = true);
      faults.clear();
    }
  }

  /** Lets the first active fault that affects this answer change it; records which one in the details. */
  void apply(ChatAnswer answer) {
    synchronized (lock) {
      for (Active fault : faults) {
        if (fault.plan.covers(answer.reply()) && fault.plan.kind().apply(answer)) {
          fault.hits++;
          answer.detail("fault", fault.plan.kind().name());
          answer.detail("faultId", fault.id);
          if (!fault.active()) {
            faults.remove(fault);
          }
          return;
        }
      }
    }
  }

  /** One injected fault; its state is guarded by the book's lock. */
  private final class Active implements InjectedFault {
    private final String id;
    private final FaultPlan plan;
    private int hits;
    private boolean healed;

    Active(String id, FaultPlan plan) {
      this.id = id;
      this.plan = plan;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public String description() {
      return plan.describe();
    }

    @Override
    public boolean active() {
      synchronized (lock) {
        return !healed && (plan.forRequests() == FaultPlan.UNTIL_HEALED || hits < plan.forRequests());
      }
    }

    @Override
    public int hits() {
      synchronized (lock) {
        return hits;
      }
    }

    @Override
    public void heal() {
      synchronized (lock) {
        healed = true;
        faults.remove(this);
      }
    }

    @Override
    public String toString() {
      return "fault [" + id + "] " + description();
    }
  }
}
